"""The default framework's two lenses: the same indicators grouped as the ASEAN Smart Cities
Network's six focus areas and as the six dimensions of the national "Gerakan Menuju 100 Smart
City". Every group says in one line why its themes and indicators sit there.

Themes are the 19 of SNI ISO 37122; the ``-K`` indicators are the ministry's rubrics. An
indicator may sit in more than one group of a lens (its theme in one, itself in another).
"""

from __future__ import annotations

from typing import Any

#: ASEAN Smart Cities Framework, focus areas of the Smart City Action Plans.
ASCN: dict[str, Any] = {
    "code": "ASCN",
    "title": {"id": "Bidang fokus ASCN", "en": "ASCN focus areas"},
    "groups": [
        {
            # Social conditions, learning, culture and how the city governs with its citizens.
            "code": "CS",
            "title": {"id": "Sipil dan sosial", "en": "Civic and Social"},
            "themes": ["POP", "EDU", "SPC", "GOV"],
            "indicators": [],
        },
        {
            # Health services and outcomes, recreation, and the food security of households.
            "code": "HW",
            "title": {"id": "Kesehatan dan kesejahteraan", "en": "Health and Well-Being"},
            "themes": ["HEA", "REC", "AGR"],
            "indicators": [],
        },
        {
            # Public safety and disaster readiness, with the security of the city's systems.
            "code": "SS",
            "title": {"id": "Keselamatan dan keamanan", "en": "Safety and Security"},
            "themes": ["SAF"],
            "indicators": ["TEL-K2"],
        },
        {
            # Climate, energy, waste, wastewater and water: the city's environmental footprint.
            "code": "QE",
            "title": {"id": "Kualitas lingkungan", "en": "Quality Environment"},
            "themes": ["ENV", "ENE", "SOW", "WWA", "WAT"],
            "indicators": [],
        },
        {
            # Housing, mobility, land use and the networks everything else runs on.
            "code": "BI",
            "title": {"id": "Infrastruktur terbangun", "en": "Built Infrastructure"},
            "themes": ["HOU", "TRA", "URP", "TEL"],
            "indicators": [],
        },
        {
            # The economy and public finance, with the digital services and data that open it up.
            "code": "II",
            "title": {"id": "Industri dan inovasi", "en": "Industry and Innovation"},
            "themes": ["ECO", "FIN"],
            "indicators": ["GOV-K4", "GOV-K5", "TEL-K1", "EDU-K1"],
        },
    ],
}

#: Gerakan Menuju 100 Smart City: the six dimensions of the regions' masterplans.
NATIONAL: dict[str, Any] = {
    "code": "SC100",
    "title": {
        "id": "Dimensi Gerakan Menuju 100 Smart City",
        "en": "Smart city dimensions (Towards 100 Smart Cities)",
    },
    "groups": [
        {
            # How the region governs and serves: governance, finance, digital services, security.
            "code": "GOVERNANCE",
            "title": {"id": "Tata kelola cerdas", "en": "Smart Governance"},
            "themes": ["GOV", "FIN"],
            "indicators": ["TEL-K1", "TEL-K2"],
        },
        {
            # What makes the region known and visited: its culture, sport and places to enjoy.
            "code": "BRANDING",
            "title": {"id": "Branding cerdas", "en": "Smart Branding"},
            "themes": ["SPC", "REC"],
            "indicators": [],
        },
        {
            # Work, enterprise and the local food economy.
            "code": "ECONOMY",
            "title": {"id": "Ekonomi cerdas", "en": "Smart Economy"},
            "themes": ["ECO", "AGR"],
            "indicators": [],
        },
        {
            # Daily life: health, housing, getting around, safety and how the city is planned.
            "code": "LIVING",
            "title": {"id": "Kehidupan cerdas", "en": "Smart Living"},
            "themes": ["HEA", "HOU", "TRA", "SAF", "URP"],
            "indicators": [],
        },
        {
            # People: their conditions, learning and connection, and a voice in the city.
            "code": "SOCIETY",
            "title": {"id": "Masyarakat cerdas", "en": "Smart Society"},
            "themes": ["POP", "EDU", "TEL"],
            "indicators": ["GOV-K3"],
        },
        {
            # Climate, energy, waste, wastewater and water.
            "code": "ENVIRONMENT",
            "title": {"id": "Lingkungan cerdas", "en": "Smart Environment"},
            "themes": ["ENV", "ENE", "SOW", "WWA", "WAT"],
            "indicators": [],
        },
    ],
}

LENSES = [ASCN, NATIONAL]
