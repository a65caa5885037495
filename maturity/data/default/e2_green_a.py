# ruff: noqa: E501
"""E2 — green, safe and orderly city (part A): energy, environment, safety, solid waste."""


def _q(theme, n, clause, title, unit, direction, thresholds, guidance):  # type: ignore[no-untyped-def]
    return {
        "theme": theme,
        "code": f"{theme}-{n}",
        "iso37122": clause,
        "title": title,
        "kind": "quantitative",
        "unit": unit,
        "direction": direction,
        "thresholds": thresholds,
        "guidance": guidance,
    }


INDICATORS: list[dict] = [
    _q(
        "ENE",
        1,
        "7.1",
        (
            "Persentase energi listrik dan termal dari pengolahan air limbah, sampah, limbah cair lain dan panas buangan terhadap bauran energi kota",
            "Percentage of electrical and thermal energy produced from wastewater treatment, solid waste and other liquid waste treatment and other waste heat resources, as a share of the city's total energy mix",
        ),
        "%",
        "higher",
        ("0.5", "1", "3", "5"),
        (
            "Pembilang: energi (GJ atau MWh) yang dihasilkan dari instalasi pengolahan air limbah, PLTSa/"
            "pengolahan sampah menjadi energi, biogas dan pemanfaatan panas buangan di wilayah pada tahun acuan; "
            "penyebut: total konsumsi energi wilayah (listrik PLN ditambah bahan bakar) pada tahun yang sama; "
            "kalikan 100. Sumber: Dinas Lingkungan Hidup, Dinas ESDM provinsi, PLN UP3, pengelola TPA dan IPAL. "
            "Ambang sementara 0,5/1/3/5 %: energi dari limbah masih sangat kecil di Indonesia; 5 % setara kota "
            "yang sudah mengoperasikan PLTSa berskala besar.",
            "Numerator: energy (GJ or MWh) produced in the region in the reference year from wastewater plants, "
            "waste-to-energy plants, biogas and waste-heat recovery; denominator: the region's total energy use "
            "(PLN electricity plus fuels) in the same year; multiply by 100. Sources: the environment office, the "
            "provincial energy office, PLN's local unit, landfill and wastewater plant operators. Provisional "
            "thresholds 0.5/1/3/5 %: energy from waste is still very small in Indonesia; 5 % matches a city "
            "running a large waste-to-energy plant.",
        ),
    ),
    _q(
        "ENE",
        2,
        "7.2",
        (
            "Energi listrik dan termal (GJ) dari pengolahan air limbah per kapita per tahun",
            "Electrical and thermal energy (GJ) produced from wastewater treatment per capita per year",
        ),
        "GJ/kapita/tahun",
        "higher",
        ("0.001", "0.005", "0.02", "0.05"),
        (
            "Pembilang: energi listrik dan panas (GJ) yang dihasilkan IPAL/IPLT, misalnya dari biogas lumpur, "
            "selama tahun acuan (1 MWh = 3,6 GJ); penyebut: jumlah penduduk. Sumber: pengelola IPAL "
            "(Perumda Air Limbah, Dinas PUPR), Dinas Lingkungan Hidup. Ambang sementara 0,001/0,005/0,02/0,05 "
            "GJ per kapita: sebagian besar daerah belum memanfaatkan energi dari air limbah; 0,05 GJ menandai "
            "IPAL terpusat dengan pembangkit biogas yang berjalan penuh.",
            "Numerator: electricity and heat (GJ) produced by wastewater and sludge treatment plants, for "
            "example from sludge biogas, in the reference year (1 MWh = 3.6 GJ); denominator: population. "
            "Sources: wastewater plant operators (the wastewater utility, public works office), the environment "
            "office. Provisional thresholds 0.001/0.005/0.02/0.05 GJ per person: most regions do not yet recover "
            "energy from wastewater; 0.05 GJ marks a central plant with a fully working biogas generator.",
        ),
    ),
    _q(
        "ENE",
        3,
        "7.3",
        (
            "Energi listrik dan termal (GJ) dari pengolahan sampah atau limbah cair lain per kapita per tahun",
            "Electrical and thermal energy (GJ) produced from solid waste or other liquid waste treatment per capita per year",
        ),
        "GJ/kapita/tahun",
        "higher",
        ("0.01", "0.05", "0.2", "0.5"),
        (
            "Pembilang: energi (GJ) dari PLTSa, gas metana TPA, RDF yang dibakar di wilayah, dan pengolahan "
            "limbah cair lain pada tahun acuan; penyebut: jumlah penduduk. Sumber: Dinas Lingkungan Hidup, "
            "pengelola TPA/TPST, badan usaha PLTSa. Ambang sementara 0,01/0,05/0,2/0,5 GJ per kapita: 0,5 GJ "
            "kira-kira hasil pembangkit sampah yang mengolah separuh timbulan sampah kota.",
            "Numerator: energy (GJ) from waste-to-energy plants, landfill methane, refuse-derived fuel burnt in "
            "the region and other liquid-waste treatment in the reference year; denominator: population. "
            "Sources: the environment office, landfill and waste-processing operators, the waste-to-energy "
            "company. Provisional thresholds 0.01/0.05/0.2/0.5 GJ per person: 0.5 GJ is roughly what a plant "
            "treating half of a city's waste produces.",
        ),
    ),
    _q(
        "ENE",
        4,
        "7.4",
        (
            "Persentase listrik kota yang dihasilkan sistem pembangkit tersebar (terdesentralisasi)",
            "Percentage of the city's electricity produced using decentralized electricity production systems",
        ),
        "%",
        "higher",
        ("0.5", "2", "5", "10"),
        (
            "Pembilang: listrik (MWh) dari pembangkit kecil tersebar di wilayah — PLTS atap, PLTS komunal, "
            "mikrohidro, biogas — pada tahun acuan; penyebut: total konsumsi listrik wilayah; kalikan 100. "
            "Sumber: PLN UP3 (data pelanggan PLTS atap/ekspor-impor), Dinas ESDM provinsi, Bappeda. Ambang "
            "sementara 0,5/2/5/10 %: bauran PLTS atap nasional masih di bawah 1 %, sehingga 10 % menandai "
            "daerah pelopor energi terbarukan tersebar.",
            "Numerator: electricity (MWh) from small distributed generators in the region — rooftop and "
            "community solar, micro-hydro, biogas — in the reference year; denominator: the region's total "
            "electricity use; multiply by 100. Sources: PLN's local unit (rooftop solar export/import data), the "
            "provincial energy office, Bappeda. Provisional thresholds 0.5/2/5/10 %: the national rooftop solar "
            "share is below 1 %, so 10 % marks a pioneer of distributed renewables.",
        ),
    ),
    _q(
        "ENE",
        5,
        "7.5",
        (
            "Kapasitas penyimpanan jaringan energi kota terhadap total konsumsi energi kota",
            "Storage capacity of the city's energy grid per total city energy consumption",
        ),
        "%",
        "higher",
        ("0.01", "0.05", "0.1", "0.5"),
        (
            "Pembilang: kapasitas penyimpanan energi yang terpasang di wilayah (baterai jaringan, baterai PLTS "
            "komunal, penyimpanan termal) dalam MWh; penyebut: rata-rata konsumsi energi harian wilayah dalam "
            "MWh; kalikan 100 (dinyatakan sebagai persen). Sumber: PLN UP3, Dinas ESDM provinsi, pengelola PLTS. "
            "Ambang sementara 0,01/0,05/0,1/0,5 %: penyimpanan energi jaringan baru mulai dibangun di Indonesia; "
            "0,5 % dari konsumsi harian sudah merupakan cadangan yang berarti untuk beban puncak.",
            "Numerator: energy storage installed in the region (grid batteries, community solar batteries, "
            "thermal storage) in MWh; denominator: the region's average daily energy use in MWh; multiply by 100 "
            "(stated as a percentage). Sources: PLN's local unit, the provincial energy office, solar plant "
            "operators. Provisional thresholds 0.01/0.05/0.1/0.5 %: grid storage is only starting in Indonesia; "
            "0.5 % of daily use is already a meaningful peak reserve.",
        ),
    ),
    _q(
        "ENE",
        6,
        "7.6",
        (
            "Persentase penerangan jalan umum yang dikelola sistem manajemen kinerja pencahayaan",
            "Percentage of street lighting managed by a light performance management system",
        ),
        "%",
        "higher",
        ("10", "25", "50", "75"),
        (
            "Pembilang: titik penerangan jalan umum (PJU) yang terhubung sistem pemantauan dan pengendalian "
            "jarak jauh (PJU pintar: peredupan, jadwal, deteksi kerusakan); penyebut: seluruh titik PJU milik "
            "pemda; kalikan 100. Sumber: Dinas Perhubungan atau Dinas PUPR (pengelola PJU), Diskominfo. Ambang "
            "sementara 10/25/50/75 %: PJU pintar umumnya dimulai dari koridor utama; 75 % berarti hampir seluruh "
            "jaringan sudah terkelola.",
            "Numerator: street lights connected to a remote monitoring and control system (smart lighting: "
            "dimming, schedules, fault detection); denominator: all street lights the local government owns; "
            "multiply by 100. Sources: the transport or public works office (street lighting operator), "
            "Diskominfo. Provisional thresholds 10/25/50/75 %: smart lighting usually starts on main corridors; "
            "75 % means nearly the whole network is managed.",
        ),
    ),
    _q(
        "ENE",
        7,
        "7.7",
        (
            "Persentase penerangan jalan umum yang diperbarui atau baru dipasang",
            "Percentage of street lighting that has been refurbished and newly installed",
        ),
        "%",
        "higher",
        ("10", "25", "50", "75"),
        (
            "Pembilang: titik PJU yang diganti ke lampu hemat energi (LED) atau dipasang baru dalam lima tahun "
            "terakhir; penyebut: seluruh titik PJU milik pemda; kalikan 100. Sumber: Dinas Perhubungan/PUPR, "
            "data aset PJU, kontrak penggantian lampu. Ambang sementara 10/25/50/75 %: siklus penggantian lampu "
            "sekitar sepuluh tahun, sehingga separuh jaringan dalam lima tahun menandai program peremajaan aktif.",
            "Numerator: street lights replaced with energy-saving (LED) lamps or newly installed in the last "
            "five years; denominator: all street lights the local government owns; multiply by 100. Sources: the "
            "transport or public works office, the street-lighting asset register, replacement contracts. "
            "Provisional thresholds 10/25/50/75 %: lamps are replaced about every ten years, so half of the "
            "network in five years marks an active renewal programme.",
        ),
    ),
    _q(
        "ENE",
        8,
        "7.8",
        (
            "Persentase bangunan publik yang memerlukan renovasi",
            "Percentage of public buildings requiring renovation/refurbishment",
        ),
        "%",
        "lower",
        ("10", "20", "35", "50"),
        (
            "Pembilang: bangunan milik pemda (kantor, sekolah, puskesmas, pasar) yang menurut penilaian kondisi "
            "aset berstatus rusak sedang atau rusak berat; penyebut: seluruh bangunan milik pemda; kalikan 100. "
            "Sumber: BPKAD (data barang milik daerah), Dinas PUPR/Perkim (penilaian kondisi bangunan). Ambang "
            "sementara 10/20/35/50 % (makin rendah makin baik): separuh bangunan butuh renovasi berarti aset "
            "terbengkalai; 10 % atau kurang menandai pemeliharaan yang teratur.",
            "Numerator: buildings the local government owns (offices, schools, health centres, markets) rated "
            "moderately or heavily damaged in the asset condition survey; denominator: all such buildings; "
            "multiply by 100. Sources: the asset and finance agency (regional property data), the public works or "
            "housing office (building condition assessments). Provisional thresholds 10/20/35/50 % (lower is "
            "better): half needing renovation means neglected assets; 10 % or less marks regular maintenance.",
        ),
    ),
    _q(
        "ENE",
        9,
        "7.9",
        (
            "Persentase bangunan di kota yang memakai meter energi pintar",
            "Percentage of buildings in the city with smart energy meters",
        ),
        "%",
        "higher",
        ("5", "15", "30", "60"),
        (
            "Pembilang: bangunan publik, komersial dan industri (tanpa rumah tangga) yang memakai meter listrik "
            "pintar (AMI/AMR) yang membaca dan mengirim data otomatis; penyebut: seluruh bangunan publik, "
            "komersial dan industri; kalikan 100. Sumber: PLN UP3 (data pelanggan AMI/AMR), BPKAD untuk gedung "
            "pemda. Ambang sementara 5/15/30/60 %: pemasangan meter pintar masih bertahap; 60 % menandai "
            "pelanggan besar hampir seluruhnya terpantau.",
            "Numerator: public, commercial and industrial buildings (households excluded) with smart electricity "
            "meters (AMI/AMR) that read and send data automatically; denominator: all public, commercial and "
            "industrial buildings; multiply by 100. Sources: PLN's local unit (AMI/AMR customer data), the asset "
            "agency for government buildings. Provisional thresholds 5/15/30/60 %: smart meters are being rolled "
            "out gradually; 60 % means nearly all large customers are monitored.",
        ),
    ),
    _q(
        "ENE",
        10,
        "7.10",
        (
            "Jumlah stasiun pengisian kendaraan listrik per kendaraan listrik terdaftar",
            "Number of electric vehicle charging stations per registered electric vehicle",
        ),
        "SPKLU/kendaraan",
        "higher",
        ("0.01", "0.03", "0.06", "0.1"),
        (
            "Pembilang: jumlah stasiun pengisian kendaraan listrik umum (SPKLU) di wilayah; penyebut: jumlah "
            "kendaraan listrik (roda dua dan roda empat) yang terdaftar di wilayah pada akhir tahun acuan. "
            "Sumber: PLN (peta SPKLU), Bapenda/Samsat (registrasi kendaraan listrik), Dinas Perhubungan. Ambang "
            "sementara 0,01/0,03/0,06/0,1: satu stasiun per sepuluh kendaraan (0,1) adalah rasio yang lazim "
            "dianjurkan untuk pasar yang sedang tumbuh.",
            "Numerator: public electric vehicle charging stations (SPKLU) in the region; denominator: electric "
            "vehicles (two- and four-wheeled) registered in the region at the end of the reference year. "
            "Sources: PLN (charging station map), the revenue agency/Samsat (vehicle registrations), the "
            "transport office. Provisional thresholds 0.01/0.03/0.06/0.1: one station per ten vehicles (0.1) is "
            "the ratio commonly recommended for a growing market.",
        ),
    ),
    _q(
        "ENV",
        1,
        "8.1",
        (
            "Persentase bangunan yang dibangun atau direnovasi dalam 5 tahun terakhir sesuai prinsip bangunan gedung hijau",
            "Percentage of buildings built or refurbished within the last 5 years in conformity with green building principles",
        ),
        "%",
        "higher",
        ("5", "15", "30", "50"),
        (
            "Pembilang: bangunan yang memperoleh sertifikat atau persetujuan bangunan gedung hijau (BGH, "
            "Permen PUPR) dalam lima tahun terakhir; penyebut: seluruh bangunan yang memperoleh PBG untuk "
            "pembangunan baru atau renovasi dalam periode yang sama; kalikan 100. Sumber: Dinas PUPR/Cipta Karya, "
            "DPMPTSP (data PBG/SIMBG). Ambang sementara 5/15/30/50 %: kewajiban BGH baru berlaku untuk gedung "
            "tertentu; separuh bangunan baru menandai penerapan yang meluas.",
            "Numerator: buildings certified or approved as green buildings (BGH, public works ministry rules) in "
            "the last five years; denominator: all buildings granted a building approval (PBG) for new "
            "construction or renovation in the same period; multiply by 100. Sources: the public works office, "
            "the one-stop office (PBG/SIMBG data). Provisional thresholds 5/15/30/50 %: the green-building duty "
            "covers only certain buildings; half of new buildings marks wide adoption.",
        ),
    ),
    _q(
        "ENV",
        2,
        "8.2",
        (
            "Jumlah stasiun pemantau kualitas udara jarak jauh waktu nyata per km²",
            "Number of real-time remote air quality monitoring stations per square kilometre",
        ),
        "stasiun/km²",
        "higher",
        ("0.001", "0.005", "0.02", "0.05"),
        (
            "Pembilang: stasiun pemantau kualitas udara otomatis yang mengirim data waktu nyata (AQMS milik "
            "KLHK, pemda, atau sensor berbiaya rendah yang dikalibrasi); penyebut: luas wilayah dalam km². "
            "Sumber: Dinas Lingkungan Hidup, ISPU KLHK, BMKG. Ambang sementara 0,001/0,005/0,02/0,05: satu "
            "stasiun per 1.000 km² hanya memberi gambaran kasar, sedangkan satu per 20 km² (0,05) memungkinkan "
            "peta kualitas udara per kecamatan di kota.",
            "Numerator: automatic air quality stations sending real-time data (the environment ministry's AQMS, "
            "the region's own, or calibrated low-cost sensors); denominator: area in km². Sources: the "
            "environment office, the national air quality index (ISPU), BMKG. Provisional thresholds "
            "0.001/0.005/0.02/0.05: one station per 1 000 km² gives only a rough picture, while one per 20 km² "
            "(0.05) allows a district-level air quality map in a city.",
        ),
    ),
    _q(
        "ENV",
        3,
        "8.3",
        (
            "Persentase bangunan publik yang dilengkapi pemantauan kualitas udara dalam ruang",
            "Percentage of public buildings equipped for monitoring indoor air quality",
        ),
        "%",
        "higher",
        ("5", "15", "30", "60"),
        (
            "Pembilang: bangunan publik (kantor pemda, sekolah, fasilitas kesehatan) yang memasang sensor "
            "kualitas udara dalam ruang (CO₂, PM2,5) dengan data yang dipantau; penyebut: seluruh bangunan "
            "publik milik pemda; kalikan 100. Sumber: BPKAD, Dinas Kesehatan, Dinas Pendidikan, Dinas Lingkungan "
            "Hidup. Ambang sementara 5/15/30/60 %: pemantauan dalam ruang baru dirintis; prioritas pada sekolah "
            "dan puskesmas membuat 60 % capaian tinggi.",
            "Numerator: public buildings (government offices, schools, health facilities) with indoor air "
            "quality sensors (CO₂, PM2.5) whose data is monitored; denominator: all public buildings the local "
            "government owns; multiply by 100. Sources: the asset agency, the health, education and environment "
            "offices. Provisional thresholds 5/15/30/60 %: indoor monitoring is just starting; with schools and "
            "health centres first, 60 % is a high achievement.",
        ),
    ),
    _q(
        "SAF",
        1,
        "15.1",
        (
            "Persentase wilayah kota yang terjangkau kamera pengawas digital",
            "Percentage of the city area covered by digital surveillance cameras",
        ),
        "%",
        "higher",
        ("5", "15", "30", "50"),
        (
            "Pembilang: luas wilayah permukiman dan ruang publik dalam jangkauan kamera CCTV digital yang "
            "terhubung pusat kendali (command center), dihitung dari lokasi dan sudut pandang kamera; penyebut: "
            "luas wilayah terbangun; kalikan 100. Sumber: Diskominfo/command center, Dinas Perhubungan, Satpol PP, "
            "Polres. Ambang sementara 5/15/30/50 %: kamera umumnya dipasang di simpang dan ruang publik utama; "
            "separuh wilayah terbangun sudah termasuk cakupan yang luas.",
            "Numerator: the area of settlements and public spaces within view of digital CCTV cameras linked to a "
            "command centre, computed from camera locations and fields of view; denominator: the built-up area; "
            "multiply by 100. Sources: Diskominfo/command centre, the transport office, Satpol PP, the police. "
            "Provisional thresholds 5/15/30/50 %: cameras usually cover junctions and main public spaces; half "
            "of the built-up area is already wide coverage.",
        ),
    ),
    {
        "theme": "SAF",
        "code": "SAF-K1",
        "kind": "rubric",
        "evidence_required": False,
        "title": ("Sistem peringatan dini bencana", "Disaster early warning"),
        "guidance": (
            "Nilai sistem peringatan dini bencana yang dikelola BPBD bersama BMKG. Bukti: dokumen kajian "
            "risiko bencana, daftar sirine/sensor, SOP penyebaran peringatan, laporan latihan evakuasi, "
            "tangkapan layar kanal informasi.",
            "Assess the disaster early warning system run by the regional disaster agency (BPBD) with BMKG. "
            "Evidence: the disaster risk assessment, the list of sirens and sensors, the warning procedure, "
            "evacuation drill reports, screenshots of information channels.",
        ),
        "rubric": {
            1: (
                "Belum ada sistem peringatan dini; informasi bencana disampaikan seadanya.",
                "No early warning system; disaster information is passed on ad hoc.",
            ),
            2: (
                "Peringatan dari BMKG diteruskan BPBD secara manual melalui media sosial atau pengeras suara.",
                "BMKG warnings are relayed by BPBD by hand through social media or loudspeakers.",
            ),
            3: (
                "Ada sensor/sirine untuk ancaman utama dan SOP penyebaran peringatan yang ditetapkan.",
                "Sensors or sirens exist for the main hazards, with an adopted warning procedure.",
            ),
            4: (
                "Peringatan otomatis menjangkau warga di wilayah rawan melalui beberapa kanal dan diuji rutin.",
                "Automatic warnings reach residents of hazard zones through several channels and are tested regularly.",
            ),
            5: (
                "Sistem terintegrasi dengan command center, latihan evakuasi berkala melibatkan warga, dan dievaluasi setelah kejadian.",
                "The system is integrated with the command centre, regular drills involve residents, and it is reviewed after every event.",
            ),
        },
    },
    {
        "theme": "SAF",
        "code": "SAF-K2",
        "kind": "rubric",
        "evidence_required": False,
        "title": (
            "Respons ketenteraman dan ketertiban umum (trantibum)",
            "Public order (trantibum) response",
        ),
        "guidance": (
            "Nilai kemampuan pemda menerima dan menanggapi gangguan ketenteraman dan ketertiban umum melalui "
            "Satpol PP. Bukti: SOP penanganan laporan, rekap laporan dan waktu respons, sistem pelaporan, "
            "layanan panggilan darurat 112.",
            "Assess how well the local government receives and responds to public order disturbances through "
            "its civil service police (Satpol PP). Evidence: the response procedure, report logs and response "
            "times, the reporting system, the 112 emergency number.",
        ),
        "rubric": {
            1: (
                "Laporan gangguan diterima tanpa pencatatan dan tanpa target waktu respons.",
                "Disturbance reports are taken with no record and no response-time target.",
            ),
            2: (
                "Laporan dicatat manual; respons bergantung pada petugas yang tersedia.",
                "Reports are logged by hand; response depends on who is available.",
            ),
            3: (
                "Layanan 112 atau kanal pelaporan terpadu tersedia dengan SOP dan target waktu respons.",
                "A 112 service or integrated reporting channel exists with a procedure and response targets.",
            ),
            4: (
                "Laporan dipantau di command center, petugas dikirim berdasarkan lokasi dan waktu respons diukur.",
                "Reports are tracked in the command centre, officers are dispatched by location, and response times are measured.",
            ),
            5: (
                "Data kejadian dianalisis untuk pencegahan dan patroli; kinerja respons dipublikasikan dan terus membaik.",
                "Incident data drives prevention and patrols; response performance is published and keeps improving.",
            ),
        },
    },
    _q(
        "SOW",
        1,
        "16.1",
        (
            "Persentase tempat penampungan sampah (kontainer) yang dilengkapi telemetri",
            "Percentage of waste drop-off centres (containers) equipped with telemetering",
        ),
        "%",
        "higher",
        ("5", "15", "30", "60"),
        (
            "Pembilang: TPS dan kontainer sampah yang memiliki sensor pengukur isi atau berat yang mengirim "
            "data otomatis; penyebut: seluruh TPS dan kontainer yang dikelola pemda; kalikan 100. Sumber: Dinas "
            "Lingkungan Hidup (data TPS, sistem pemantauan armada). Ambang sementara 5/15/30/60 %: telemetri "
            "sampah baru dirintis di beberapa kota; 60 % memungkinkan rute angkut yang dioptimalkan.",
            "Numerator: waste collection points and containers with fill-level or weight sensors that send data "
            "automatically; denominator: all collection points and containers the local government manages; "
            "multiply by 100. Source: the environment office (collection point data, fleet monitoring). "
            "Provisional thresholds 5/15/30/60 %: waste telemetry is piloted in a few cities; 60 % allows "
            "optimised collection routes.",
        ),
    ),
    _q(
        "SOW",
        2,
        "16.2",
        (
            "Persentase penduduk yang mendapat pengumpulan sampah dari rumah ke rumah dengan pemantauan jumlah sampah per rumah tangga",
            "Percentage of the city population that has door-to-door garbage collection with individual monitoring of household waste quantities",
        ),
        "%",
        "higher",
        ("5", "15", "30", "60"),
        (
            "Pembilang: penduduk di rumah tangga yang sampahnya dikumpulkan dari rumah dan jumlahnya dicatat "
            "per rumah tangga (misalnya bank sampah digital, timbangan dengan kode rumah, aplikasi retribusi "
            "berbasis volume); penyebut: seluruh penduduk; kalikan 100. Sumber: Dinas Lingkungan Hidup, bank "
            "sampah, kelurahan. Ambang sementara 5/15/30/60 %: pencatatan per rumah tangga masih jarang; 60 % "
            "menandai sistem yang memungkinkan retribusi sesuai jumlah sampah.",
            "Numerator: residents of households whose waste is collected at the door and weighed or counted per "
            "household (for example digital waste banks, scales with household codes, volume-based levy apps); "
            "denominator: all residents; multiply by 100. Sources: the environment office, waste banks, urban "
            "villages. Provisional thresholds 5/15/30/60 %: household-level recording is still rare; 60 % marks "
            "a system that allows pay-as-you-throw levies.",
        ),
    ),
    _q(
        "SOW",
        3,
        "16.3",
        (
            "Persentase total sampah kota yang dimanfaatkan untuk menghasilkan energi",
            "Percentage of the total amount of waste in the city that is used to generate energy",
        ),
        "%",
        "higher",
        ("2", "5", "15", "30"),
        (
            "Pembilang: berat sampah (ton) yang diolah menjadi energi (PLTSa, RDF untuk industri semen, biogas "
            "dari sampah organik) pada tahun acuan; penyebut: total timbulan sampah wilayah (ton); kalikan 100. "
            "Sumber: Dinas Lingkungan Hidup, SIPSN KLHK, pengelola TPST/PLTSa. Ambang sementara 2/5/15/30 %: "
            "sebagian besar sampah masih ke TPA; 30 % berarti pengolahan energi sudah menjadi jalur utama "
            "pengurangan sampah.",
            "Numerator: tonnes of waste turned into energy (waste-to-energy, refuse-derived fuel for cement "
            "kilns, biogas from organic waste) in the reference year; denominator: total waste generated in the "
            "region (tonnes); multiply by 100. Sources: the environment office, the national waste information "
            "system (SIPSN), waste-processing operators. Provisional thresholds 2/5/15/30 %: most waste still "
            "goes to landfill; 30 % means energy recovery is a main route for reducing waste.",
        ),
    ),
    _q(
        "SOW",
        4,
        "16.4",
        (
            "Persentase sampah plastik yang didaur ulang di kota",
            "Percentage of total amount of plastic waste recycled in the city",
        ),
        "%",
        "higher",
        ("5", "10", "20", "30"),
        (
            "Pembilang: berat sampah plastik (ton) yang didaur ulang melalui bank sampah, TPS3R, pengepul dan "
            "industri daur ulang pada tahun acuan; penyebut: total timbulan sampah plastik wilayah (komposisi "
            "plastik × timbulan sampah); kalikan 100. Sumber: Dinas Lingkungan Hidup, SIPSN KLHK, data bank "
            "sampah. Ambang sementara 5/10/20/30 %: tingkat daur ulang plastik nasional diperkirakan sekitar "
            "10 %, sehingga 10 % setara rata-rata dan 30 % capaian unggul.",
            "Numerator: tonnes of plastic waste recycled through waste banks, 3R facilities, collectors and "
            "recycling industry in the reference year; denominator: total plastic waste generated in the region "
            "(plastic share × waste generated); multiply by 100. Sources: the environment office, SIPSN, waste "
            "bank records. Provisional thresholds 5/10/20/30 %: national plastic recycling is estimated at about "
            "10 %, so 10 % is average and 30 % is excellent.",
        ),
    ),
    _q(
        "SOW",
        5,
        "16.5",
        (
            "Persentase tempat sampah umum yang dilengkapi sensor",
            "Percentage of public garbage bins that are sensor-enabled",
        ),
        "%",
        "higher",
        ("2", "10", "25", "50"),
        (
            "Pembilang: tempat sampah di ruang publik (taman, trotoar, halte) yang memiliki sensor pengukur "
            "isi; penyebut: seluruh tempat sampah umum yang dikelola pemda; kalikan 100. Sumber: Dinas Lingkungan "
            "Hidup, Dinas Pertamanan. Ambang sementara 2/10/25/50 %: tempat sampah bersensor biasanya dimulai di "
            "kawasan wisata dan pusat kota; separuh jaringan sudah termasuk penerapan luas.",
            "Numerator: bins in public spaces (parks, pavements, bus stops) with fill-level sensors; "
            "denominator: all public bins the local government manages; multiply by 100. Sources: the "
            "environment office, the parks office. Provisional thresholds 2/10/25/50 %: sensor bins usually start "
            "in tourist areas and the city centre; half of all bins is already wide adoption.",
        ),
    ),
    _q(
        "SOW",
        6,
        "16.6",
        (
            "Persentase limbah elektronik kota yang didaur ulang",
            "Percentage of the city's electrical and electronic waste that is recycled",
        ),
        "%",
        "higher",
        ("5", "10", "20", "40"),
        (
            "Pembilang: berat limbah elektronik (ton) yang diserahkan ke pengolah berizin untuk didaur ulang, "
            "dari dropbox, pengumpulan pemda dan program produsen; penyebut: perkiraan timbulan limbah elektronik "
            "wilayah (ton, dapat diperkirakan dari jumlah penduduk × timbulan per kapita nasional); kalikan 100. "
            "Sumber: Dinas Lingkungan Hidup, pengolah limbah B3 berizin. Ambang sementara 5/10/20/40 %: tingkat "
            "pengumpulan resmi limbah elektronik di Asia Tenggara umumnya di bawah 10 %; 40 % mendekati praktik "
            "terbaik dunia.",
            "Numerator: tonnes of e-waste handed to licensed processors for recycling, from drop boxes, "
            "government collection and producers' schemes; denominator: the estimated e-waste generated in the "
            "region (tonnes; population × the national per-person figure will do); multiply by 100. Sources: the "
            "environment office, licensed hazardous-waste processors. Provisional thresholds 5/10/20/40 %: "
            "formal e-waste collection in South-East Asia is usually under 10 %; 40 % approaches world best "
            "practice.",
        ),
    ),
]
