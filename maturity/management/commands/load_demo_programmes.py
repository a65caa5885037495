"""Load the programmes of Indonesia's ASCN pilots as shared demo programmes (idempotent).

`make run` calls it after `create_demo_accounts`, so that the registry has something to learn from:
Jakarta's JAKI super-app with JakLapor, JakEvo and JakLingko, Makassar's HomeCare (Dottorota),
Banyuwangi's Homestay Naik Kelas and Sumedang's WA KEPO. Running it again updates them in place.
Users and transactions figures are left empty: they belong to the regions to fill in from their
own records, not to demo data.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cities import errors
from cities.models import Region
from maturity.programmes.selectors import current_framework
from maturity.programmes.services import import_programme

DEMO_PROGRAMMES: list[dict[str, Any]] = [
    {
        "region": "31",
        "name": "JAKI",
        "element": "E3",
        "indicators": ["TEL-K1", "GOV-2", "GOV-K3", "GOV-K5"],
        "launch_year": 2019,
        "agency": "Jakarta Smart City, Dinas Komunikasi, Informatika dan Statistik Provinsi DKI "
        "Jakarta",
        "url": "https://jaki.jakarta.go.id",
        "description_id": (
            "JAKI (Jakarta Kini) adalah aplikasi super Pemerintah Provinsi DKI Jakarta yang "
            "menyatukan layanan publik dan informasi kota dalam satu aplikasi dengan satu akun "
            "warga: pengaduan melalui JakLapor, perizinan melalui JakEvo, perjalanan dan "
            "pembayaran angkutan umum terintegrasi melalui JakLingko, serta informasi kualitas "
            "udara, banjir dan kesehatan."
        ),
        "description_en": (
            "JAKI (Jakarta Kini, 'Jakarta Now') is the Jakarta provincial government's super-app: "
            "one app and one citizen account for public services and city information — "
            "complaints through JakLapor, permits through JakEvo, integrated public-transport "
            "journeys and payment through JakLingko, and air-quality, flood and health updates."
        ),
    },
    {
        "region": "31",
        "name": "JakLapor",
        "element": "E3",
        "indicators": ["GOV-K3", "GOV-3"],
        "agency": "Jakarta Smart City, Dinas Komunikasi, Informatika dan Statistik Provinsi DKI "
        "Jakarta",
        "url": "https://jaki.jakarta.go.id",
        "description_id": (
            "Kanal pengaduan warga di dalam JAKI: warga melaporkan masalah kota (jalan rusak, "
            "sampah, banjir, pelayanan) dengan foto dan lokasi; laporan diteruskan ke perangkat "
            "daerah yang berwenang, dan pelapor dapat memantau tindak lanjutnya sampai selesai."
        ),
        "description_en": (
            "The citizen complaint channel inside JAKI: residents report city problems (damaged "
            "roads, rubbish, flooding, services) with a photo and location; each report is routed "
            "to the responsible agency and the reporter follows it until it is resolved."
        ),
    },
    {
        "region": "31",
        "name": "JakEvo",
        "element": "E3",
        "indicators": ["GOV-2", "URP-2"],
        "agency": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi DKI Jakarta",
        "url": "https://pelayanan.jakarta.go.id",
        "description_id": (
            "Layanan perizinan dan nonperizinan elektronik Pemerintah Provinsi DKI Jakarta yang "
            "dapat diakses melalui JAKI: permohonan diajukan, dilacak dan diterbitkan secara "
            "daring tanpa perlu datang ke loket."
        ),
        "description_en": (
            "The Jakarta provincial government's electronic permit and licensing service, also "
            "reached through JAKI: applications are filed, tracked and issued online, with no "
            "visit to a service counter."
        ),
    },
    {
        "region": "31",
        "name": "JakLingko",
        "element": "E2",
        "indicators": ["TRA-6", "TRA-5"],
        "launch_year": 2018,
        "agency": "PT JakLingko Indonesia; Dinas Perhubungan Provinsi DKI Jakarta",
        "url": "https://www.jaklingkoindonesia.co.id",
        "description_id": (
            "Sistem angkutan umum terintegrasi Jakarta: Transjakarta, MRT, LRT dan angkot "
            "Mikrotrans dalam satu rute, satu tarif dan satu alat pembayaran; perjalanan dapat "
            "direncanakan dan dibayar melalui aplikasi, termasuk lewat JAKI."
        ),
        "description_en": (
            "Jakarta's integrated public transport: Transjakarta buses, MRT, LRT and Mikrotrans "
            "minibuses joined in one network, one fare and one means of payment; journeys can be "
            "planned and paid in the app, including through JAKI."
        ),
    },
    {
        "region": "73.71",
        "name": "Dottorota Teammu (HomeCare)",
        "element": "E1",
        "indicators": ["HEA-1", "HEA-2"],
        "launch_year": 2017,
        "agency": "Dinas Kesehatan Kota Makassar",
        "url": "https://makassarkota.go.id",
        "description_id": (
            "Layanan kesehatan kunjungan rumah Kota Makassar: warga menghubungi pusat panggilan "
            "112, lalu tim dokter dan perawat datang ke rumah dengan mobil yang dilengkapi alat "
            "pemeriksaan dan telemedisin yang terhubung dengan puskesmas dan rumah sakit."
        ),
        "description_en": (
            "Makassar's home health-care service: residents call the 112 call centre and a team "
            "of a doctor and a nurse visits them at home in a car equipped with examination and "
            "telemedicine devices linked to the community health centres and hospitals."
        ),
    },
    {
        "region": "35.10",
        "name": "Homestay Naik Kelas",
        "element": "E1",
        "indicators": ["SPC-K1", "REC-1", "ECO-2"],
        "agency": "Dinas Kebudayaan dan Pariwisata Kabupaten Banyuwangi",
        "url": "https://www.banyuwangikab.go.id",
        "description_id": (
            "Program Kabupaten Banyuwangi untuk menaikkan kelas homestay milik warga desa wisata: "
            "pelatihan pelayanan dan kebersihan, standar kamar, pendampingan renovasi, serta "
            "pemasaran dan pemesanan daring, sehingga wisatawan menginap di desa dan pendapatan "
            "pariwisata dinikmati warga."
        ),
        "description_en": (
            "Banyuwangi's programme to upgrade village homestays run by residents of tourism "
            "villages: training in hospitality and hygiene, room standards, renovation support, "
            "and online marketing and booking, so that visitors stay in the villages and tourism "
            "income reaches residents."
        ),
    },
    {
        "region": "32.11",
        "name": "WA KEPO",
        "element": "E3",
        "indicators": ["GOV-K3", "GOV-3", "GOV-2"],
        "agency": "Dinas Komunikasi dan Informatika, Persandian dan Statistik Kabupaten Sumedang",
        "url": "https://sumedangkab.go.id",
        "description_id": (
            "Layanan informasi dan pengaduan publik Kabupaten Sumedang melalui WhatsApp: warga "
            "bertanya tentang layanan pemerintah daerah atau menyampaikan keluhan lewat satu "
            "nomor WhatsApp, dan pesan diteruskan ke perangkat daerah yang menanganinya."
        ),
        "description_en": (
            "Sumedang's WhatsApp-based public information and complaint service: residents ask "
            "about local-government services or raise complaints through a single WhatsApp "
            "number, and messages are passed on to the agency that handles them."
        ),
    },
]


class Command(BaseCommand):
    help = (
        "Muat program contoh daerah percontohan ASCN / load the ASCN pilots' demo programmes "
        "(idempotent)"
    )

    def handle(self, *args: object, **options: object) -> None:
        if current_framework() is None:
            raise CommandError(
                "Belum ada kerangka yang terbit; jalankan load_defaults dulu. / "
                "No published framework yet; run load_defaults first."
            )
        regions = {
            r.code: r
            for r in Region.objects.filter(code__in={p["region"] for p in DEMO_PROGRAMMES})
        }
        created = updated = 0
        for item in DEMO_PROGRAMMES:
            region = regions.get(item["region"])
            if region is None:
                raise CommandError(
                    f"Wilayah {item['region']} belum dimuat. / Region {item['region']} is not "
                    "loaded."
                )
            data = {key: value for key, value in item.items() if key != "region"}
            try:
                _programme, was_created = import_programme(
                    region=region, data={**data, "status": "running", "shared": True}
                )
            except errors.Invalid as error:
                raise CommandError(f"{item['name']}: {error.fields}") from None
            created += was_created
            updated += not was_created
        self.stdout.write(
            f"Program contoh / demo programmes: {created} baru / new, {updated} sudah ada / "
            "already there."
        )
