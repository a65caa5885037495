# ruff: noqa: E501
"""Element E2 (green, safe and orderly city), part B: transportation (TRA), urban/local
agriculture and food security (AGR), wastewater (WWA) and water (WAT) — SNI ISO 37122 clauses
19, 20, 22 and 23. All thresholds are provisional; each guidance text gives its reasoning."""

INDICATORS: list[dict] = [
    # ------------------------------------------------------------------ TRA (clause 19)
    {
        "theme": "TRA",
        "code": "TRA-1",
        "iso37122": "19.1",
        "title": (
            "Persentase panjang jalan kota yang tercakup informasi dan peringatan lalu lintas "
            "daring secara waktu nyata",
            "Percentage of city streets and thoroughfares covered by real-time online traffic "
            "alerts and information",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: panjang jalan (km) yang kondisi lalu lintasnya disiarkan secara waktu nyata "
            "oleh atau atas kerja sama pemerintah daerah — melalui pusat kendali lalu lintas/ATCS, "
            "CCTV yang dipantau, papan informasi (VMS), aplikasi atau portal kota, atau kemitraan "
            "berbagi data seperti Waze for Cities. Penyebut: panjang seluruh jalan di wilayah "
            "(nasional, provinsi dan kabupaten/kota) menurut Dinas PUPR atau publikasi BPS, pada "
            "tahun referensi yang sama; hasil bagi dikali 100. Sumber: Dinas Perhubungan, Dinas "
            "PUPR, Diskominfo (command center). Ambang sementara 20/40/60/80 %: kuartil sederhana "
            "karena belum ada target nasional; level 5 berarti sedikitnya empat perlima jaringan "
            "jalan terpantau dan diinformasikan kepada warga.",
            "Numerator: length of streets (km) whose traffic conditions are published in real time "
            "by, or in partnership with, the local government — through a traffic control "
            "centre/ATCS, monitored CCTV, variable message signs, a city app or portal, or a "
            "data-sharing partnership such as Waze for Cities. Denominator: total length of all "
            "roads in the region (national, provincial and regency/city roads) from Dinas PUPR or "
            "BPS, for the same reference year; multiply the ratio by 100. Sources: Dinas "
            "Perhubungan, Dinas PUPR, Diskominfo (command centre). Provisional thresholds "
            "20/40/60/80 %: plain quartiles, as there is no national target; level 5 means at "
            "least four fifths of the network is monitored and reported to residents.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-2",
        "iso37122": "19.2",
        "title": (
            "Jumlah pengguna transportasi berbasis ekonomi berbagi per 100.000 penduduk",
            "Number of users of sharing economy transportation per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("1000", "5000", "10000", "20000"),
        "guidance": (
            "Hitung jumlah pengguna unik (bukan jumlah perjalanan) yang memakai layanan transportasi "
            "berbagi di wilayah selama tahun referensi: ojek/taksi daring, berbagi mobil, berbagi "
            "sepeda atau skuter, dan angkutan antar-jemput berbasis aplikasi. Bagi dengan jumlah "
            "penduduk pertengahan tahun (BPS atau Disdukcapil) lalu kalikan 100.000. Data diperoleh "
            "Dinas Perhubungan dari operator (mis. melalui perjanjian berbagi data) atau, bila tidak "
            "tersedia, dari survei rumah tangga yang diekstrapolasi; sebutkan metodenya. Ambang "
            "sementara 1.000/5.000/10.000/20.000: setara 1 %, 5 %, 10 % dan 20 % penduduk yang "
            "memakai layanan berbagi dalam setahun.",
            "Count unique users (not trips) of shared transport services in the region during the "
            "reference year: ride-hailing motorcycles and cars, car-sharing, bicycle or scooter "
            "sharing, and app-based shuttles. Divide by the mid-year population (BPS or "
            "Disdukcapil) and multiply by 100 000. Dinas Perhubungan obtains the figures from "
            "operators (for example under a data-sharing agreement) or, failing that, from an "
            "extrapolated household survey; state the method. Provisional thresholds "
            "1 000/5 000/10 000/20 000: equal to 1 %, 5 %, 10 % and 20 % of residents using a "
            "shared service in a year.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-3",
        "iso37122": "19.3",
        "title": (
            "Persentase kendaraan terdaftar di wilayah yang merupakan kendaraan rendah emisi",
            "Percentage of vehicles registered in the city that are low-emission vehicles",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("1", "2.5", "5", "10"),
        "guidance": (
            "Pembilang: jumlah kendaraan bermotor terdaftar berdomisili di wilayah yang rendah "
            "emisi — kendaraan listrik berbasis baterai (KBLBB, termasuk sepeda motor listrik), "
            "hibrida, hibrida plug-in, sel bahan bakar, dan kendaraan berbahan bakar gas. Penyebut: "
            "seluruh kendaraan bermotor terdaftar (mobil, bus, truk, sepeda motor) di wilayah pada "
            "akhir tahun referensi; hasil bagi dikali 100. Registrasi dikelola provinsi, jadi minta "
            "data per kabupaten/kota dari Bapenda provinsi/Samsat atau Korlantas Polri; BPS juga "
            "menerbitkan jumlah kendaraan. Ambang sementara 1/2,5/5/10 %: pangsa nasional masih di "
            "bawah 1 %, sedangkan target kendaraan listrik nasional 2030 setara kira-kira 10 % "
            "armada, sehingga level 5 berarti wilayah sudah mencapai arah target itu.",
            "Numerator: registered motor vehicles domiciled in the region that are low-emission — "
            "battery electric vehicles (including electric motorcycles), hybrids, plug-in "
            "hybrids, fuel-cell vehicles and gas-fuelled vehicles. Denominator: all registered "
            "motor vehicles (cars, buses, trucks, motorcycles) in the region at the end of the "
            "reference year; multiply by 100. Registration is held by the province, so request "
            "regency/city figures from the provincial Bapenda/Samsat or Korlantas Polri; BPS also "
            "publishes vehicle counts. Provisional thresholds 1/2.5/5/10 %: the national share is "
            "still below 1 %, while the national 2030 electric-vehicle target amounts to roughly "
            "10 % of the fleet, so level 5 means the region has reached that target's trajectory.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-4",
        "iso37122": "19.4",
        "title": (
            "Jumlah sepeda pada layanan sepeda sewa (bike sharing) yang disediakan pemerintah "
            "daerah per 100.000 penduduk",
            "Number of bicycles available through municipally provided bicycle-sharing services "
            "per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("5", "20", "50", "100"),
        "guidance": (
            "Hitung sepeda (termasuk sepeda listrik) yang siap dipakai publik pada layanan sepeda "
            "sewa yang disediakan, dibiayai atau dikelola pemerintah daerah (langsung, melalui BUMD, "
            "atau operator berkontrak), pada akhir tahun referensi; sepeda rusak atau di gudang "
            "tidak dihitung. Bagi dengan jumlah penduduk (BPS/Disdukcapil) dan kalikan 100.000. "
            "Sumber: Dinas Perhubungan dan laporan operator. Layanan swasta murni tanpa peran "
            "pemerintah daerah tidak dihitung di sini (masuk TRA-2). Ambang sementara 5/20/50/100: "
            "100 berarti satu sepeda per 1.000 penduduk, setara kota-kota dengan sistem sepeda sewa "
            "yang mapan, sedangkan 5 menandai program rintisan.",
            "Count bicycles (including e-bikes) ready for public use in bicycle-sharing services "
            "provided, funded or managed by the local government (directly, through a BUMD, or a "
            "contracted operator) at the end of the reference year; broken or stored bicycles do "
            "not count. Divide by the population (BPS/Disdukcapil) and multiply by 100 000. "
            "Sources: Dinas Perhubungan and operator reports. Purely private services with no "
            "local-government role are excluded here (they belong in TRA-2). Provisional "
            "thresholds 5/20/50/100: 100 means one bicycle per 1 000 residents, on a par with "
            "cities with established bike-sharing systems, while 5 marks a pilot programme.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-5",
        "iso37122": "19.5",
        "title": (
            "Persentase trayek angkutan umum yang dilengkapi sistem informasi waktu nyata yang "
            "dapat diakses publik",
            "Percentage of public transport lines equipped with a publicly accessible real-time "
            "system",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: jumlah trayek/koridor angkutan umum (BRT, bus kota, angkot, kereta "
            "perkotaan) yang posisi armada atau perkiraan waktu kedatangannya dapat dilihat publik "
            "secara waktu nyata, melalui aplikasi (mis. aplikasi Teman Bus atau aplikasi operator), "
            "situs web, atau layar di halte. Penyebut: seluruh trayek angkutan umum berizin yang "
            "melayani wilayah pada tahun referensi; hasil bagi dikali 100. Sumber: Dinas "
            "Perhubungan, operator angkutan dan BUMD transportasi. GPS yang hanya dipakai internal "
            "operator tanpa akses publik tidak dihitung. Ambang sementara 20/40/60/80 %: kuartil "
            "sederhana tanpa target nasional; level 5 berarti hampir semua trayek dapat dipantau "
            "penumpang.",
            "Numerator: public transport lines/corridors (BRT, city bus, minibus 'angkot', urban "
            "rail) whose vehicle positions or predicted arrival times the public can see in real "
            "time, in an app (for example the Teman Bus app or an operator's app), on a website or "
            "on displays at stops. Denominator: all licensed public transport lines serving the "
            "region in the reference year; multiply by 100. Sources: Dinas Perhubungan, transport "
            "operators and transport BUMDs. GPS used only internally by the operator without "
            "public access does not count. Provisional thresholds 20/40/60/80 %: plain quartiles "
            "with no national target; level 5 means passengers can track almost every line.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-6",
        "iso37122": "19.6",
        "title": (
            "Persentase layanan angkutan umum kota yang tercakup sistem pembayaran terpadu",
            "Percentage of the city's public transport services covered by a unified payment "
            "system",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Sistem pembayaran terpadu berarti satu alat bayar atau akun (kartu, QR, aplikasi) "
            "yang berlaku lintas moda dan operator dengan tarif terintegrasi, seperti JakLingko di "
            "Jakarta. Pembilang: jumlah trayek angkutan umum yang menerima sistem itu; penyebut: "
            "seluruh trayek angkutan umum berizin di wilayah pada tahun referensi; hasil bagi "
            "dikali 100. Sumber: Dinas Perhubungan, BUMD/operator transportasi, bank mitra. Uang "
            "elektronik yang diterima satu operator saja belum dihitung sebagai terpadu. Ambang "
            "sementara 20/40/60/80 %: kuartil sederhana; level 5 berarti integrasi tarif telah "
            "menjangkau hampir seluruh jaringan, termasuk angkutan pengumpan.",
            "A unified payment system means one payment medium or account (card, QR code, app) "
            "accepted across modes and operators with integrated fares, such as JakLingko in "
            "Jakarta. Numerator: public transport lines accepting that system; denominator: all "
            "licensed public transport lines in the region in the reference year; multiply by "
            "100. Sources: Dinas Perhubungan, transport BUMDs/operators, partner banks. "
            "E-money accepted by a single operator only does not yet count as unified. "
            "Provisional thresholds 20/40/60/80 %: plain quartiles; level 5 means fare "
            "integration reaches almost the whole network, feeder services included.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-7",
        "iso37122": "19.7",
        "title": (
            "Persentase satuan ruang parkir umum yang dilengkapi sistem pembayaran elektronik",
            "Percentage of public parking spaces equipped with e-payment systems",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: jumlah satuan ruang parkir (SRP) umum — parkir tepi jalan umum dan gedung/"
            "pelataran parkir milik atau kelolaan pemerintah daerah — yang dapat dibayar secara "
            "nontunai (QRIS, uang elektronik, mesin parkir, aplikasi). Penyebut: seluruh SRP parkir "
            "umum tersebut pada tahun referensi; hasil bagi dikali 100. Sumber: Dinas Perhubungan/"
            "UPT Perparkiran dan Bapenda (data retribusi dan pajak parkir); laporan TP2DD tentang "
            "elektronifikasi transaksi daerah dapat menjadi pendukung. Ambang sementara "
            "20/40/60/80 %: kuartil sederhana; level 5 selaras dengan arah elektronifikasi "
            "transaksi pemerintah daerah yang mendorong seluruh retribusi dibayar nontunai.",
            "Numerator: public parking spaces — on-street parking and car parks owned or run by "
            "the local government — that can be paid without cash (QRIS, e-money, parking meters, "
            "apps). Denominator: all such public parking spaces in the reference year; multiply by "
            "100. Sources: Dinas Perhubungan/parking unit and Bapenda (parking levy and tax "
            "records); TP2DD reports on the electronification of regional transactions can "
            "support the figure. Provisional thresholds 20/40/60/80 %: plain quartiles; level 5 "
            "matches the national drive to electronify local-government transactions so that all "
            "levies are paid cashless.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-8",
        "iso37122": "19.8",
        "title": (
            "Persentase satuan ruang parkir umum yang dilengkapi sistem informasi ketersediaan "
            "waktu nyata",
            "Percentage of public parking spaces equipped with real-time availability systems",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("10", "25", "50", "75"),
        "guidance": (
            "Pembilang: jumlah SRP parkir umum yang status kosong/terisinya terdeteksi otomatis "
            "(sensor per ruang atau penghitung di gerbang) dan diumumkan secara waktu nyata di "
            "aplikasi, situs web atau papan informasi. Penyebut: seluruh SRP parkir umum (tepi "
            "jalan dan gedung/pelataran milik atau kelolaan pemerintah daerah) pada tahun "
            "referensi; hasil bagi dikali 100. Sumber: Dinas Perhubungan/UPT Perparkiran dan "
            "Diskominfo. Ambang sementara 10/25/50/75 %: lebih rendah dari indikator pembayaran "
            "(TRA-7) karena teknologi ini masih jarang, terutama untuk parkir tepi jalan; level 5 "
            "berarti tiga perempat ruang parkir umum dapat dicek sebelum berangkat.",
            "Numerator: public parking spaces whose free/occupied status is detected "
            "automatically (per-space sensors or gate counters) and published in real time in an "
            "app, on a website or on signs. Denominator: all public parking spaces (on-street and "
            "car parks owned or run by the local government) in the reference year; multiply by "
            "100. Sources: Dinas Perhubungan/parking unit and Diskominfo. Provisional thresholds "
            "10/25/50/75 %: lower than the payment indicator (TRA-7) because this technology is "
            "still rare, especially on-street; level 5 means three quarters of public parking can "
            "be checked before setting out.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-9",
        "iso37122": "19.9",
        "title": (
            "Persentase lampu lalu lintas (APILL) yang cerdas",
            "Percentage of traffic lights that are intelligent/smart",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Lampu lalu lintas cerdas adalah alat pemberi isyarat lalu lintas (APILL) yang "
            "mengatur waktu nyala secara adaptif berdasarkan data lalu lintas waktu nyata (detektor, "
            "kamera) dan/atau terhubung ke pusat kendali ATCS sehingga dapat dipantau dan diatur "
            "dari jauh; APILL dengan waktu tetap tidak dihitung. Pembilang: jumlah simpang ber-APILL "
            "cerdas; penyebut: seluruh simpang ber-APILL di wilayah pada tahun referensi; hasil "
            "bagi dikali 100 (hitung per simpang, bukan per tiang lampu). Sumber: Dinas "
            "Perhubungan (inventaris APILL dan ATCS). Ambang sementara 20/40/60/80 %: kuartil "
            "sederhana; level 5 berarti hampir seluruh simpang terkendali dalam satu sistem.",
            "A smart traffic light is a signal that adapts its timing to real-time traffic data "
            "(detectors, cameras) and/or is connected to an ATCS control centre so it can be "
            "monitored and adjusted remotely; fixed-time signals do not count. Numerator: "
            "signalised intersections with smart signals; denominator: all signalised "
            "intersections in the region in the reference year; multiply by 100 (count "
            "intersections, not signal heads). Source: Dinas Perhubungan (signal and ATCS "
            "inventory). Provisional thresholds 20/40/60/80 %: plain quartiles; level 5 means "
            "almost every intersection is controlled in one system.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-10",
        "iso37122": "19.10",
        "title": (
            "Persentase luas wilayah kota yang terpetakan dalam peta jalan interaktif waktu nyata",
            "City area mapped by real-time interactive street maps as a percentage of the city's "
            "total land area",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: luas daratan (km²) yang dicakup peta jalan interaktif yang diterbitkan atau "
            "dikelola pemerintah daerah (mis. geoportal atau aplikasi kota) dan memuat informasi "
            "waktu nyata seperti kepadatan lalu lintas, penutupan jalan, genangan atau posisi "
            "angkutan umum. Penyebut: luas daratan wilayah menurut BPS/Bappeda pada tahun "
            "referensi; hasil bagi dikali 100. Peta komersial hanya dihitung bila data waktu "
            "nyatanya disediakan melalui kerja sama resmi dengan pemerintah daerah. Sumber: "
            "Diskominfo, Bappeda (simpul jaringan informasi geospasial), Dinas Perhubungan. Ambang "
            "sementara 20/40/60/80 %: kuartil sederhana; level 5 berarti hampir seluruh wilayah "
            "dapat dipantau warga di satu peta.",
            "Numerator: land area (km²) covered by an interactive street map published or run by "
            "the local government (for example a geoportal or city app) that shows real-time "
            "information such as traffic density, road closures, flooding or public transport "
            "positions. Denominator: the region's land area from BPS/Bappeda in the reference "
            "year; multiply by 100. Commercial maps count only where their real-time data is "
            "provided under a formal partnership with the local government. Sources: "
            "Diskominfo, Bappeda (geospatial information node), Dinas Perhubungan. Provisional "
            "thresholds 20/40/60/80 %: plain quartiles; level 5 means residents can follow almost "
            "the whole region on one map.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-11",
        "iso37122": "19.11",
        "title": (
            "Persentase kendaraan terdaftar di wilayah yang merupakan kendaraan otonom",
            "Percentage of vehicles registered in the city that are autonomous vehicles",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.01", "0.05", "0.1", "0.5"),
        "guidance": (
            "Kendaraan otonom adalah kendaraan yang dapat mengemudi sendiri tanpa kendali manusia "
            "dalam kondisi tertentu (setara SAE level 3 ke atas); fitur bantuan pengemudi biasa "
            "tidak dihitung. Pembilang: jumlah kendaraan otonom terdaftar atau beroperasi dengan "
            "izin uji coba di wilayah; penyebut: seluruh kendaraan bermotor terdaftar (Bapenda "
            "provinsi/Samsat, Korlantas Polri, BPS) pada akhir tahun referensi; hasil bagi dikali "
            "100. Karena UU 22/2009 masih mensyaratkan pengemudi, sebagian besar daerah akan "
            "melaporkan 0 dan berada di level 1 — itu wajar. Ambang sementara 0,01/0,05/0,1/0,5 %: "
            "sangat rendah agar uji coba awal (mis. beberapa unit bus atau shuttle otonom) sudah "
            "tercatat; ambang ini perlu ditinjau bila regulasi nasional berubah.",
            "An autonomous vehicle can drive itself without human control under defined "
            "conditions (SAE level 3 or above); ordinary driver-assistance features do not count. "
            "Numerator: autonomous vehicles registered, or operating under a trial permit, in the "
            "region; denominator: all registered motor vehicles (provincial Bapenda/Samsat, "
            "Korlantas Polri, BPS) at the end of the reference year; multiply by 100. Because Law "
            "22/2009 still requires a driver, most regions will report 0 and sit at level 1 — "
            "that is expected. Provisional thresholds 0.01/0.05/0.1/0.5 %: very low so that early "
            "trials (a few autonomous buses or shuttles) already register; they should be "
            "revisited when national regulation changes.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-12",
        "iso37122": "19.12",
        "title": (
            "Persentase trayek angkutan umum yang menyediakan konektivitas internet bagi penumpang "
            "yang disediakan dan/atau dikelola pemerintah daerah",
            "Percentage of public transport routes with municipally-provided and/or managed "
            "Internet connectivity for commuters",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: jumlah trayek angkutan umum yang armada dan/atau haltenya menyediakan "
            "internet gratis (Wi-Fi) bagi penumpang, yang disediakan, dibiayai atau dikelola "
            "pemerintah daerah, termasuk melalui BUMD atau kontrak operator. Penyebut: seluruh "
            "trayek angkutan umum berizin yang melayani wilayah pada tahun referensi; hasil bagi "
            "dikali 100. Sebuah trayek dihitung bila sebagian besar armadanya (lebih dari separuh) "
            "terlayani. Sumber: Dinas Perhubungan, Diskominfo, operator angkutan. Ambang sementara "
            "20/40/60/80 %: kuartil sederhana; level 5 berarti penumpang tersambung di hampir "
            "seluruh jaringan.",
            "Numerator: public transport routes whose vehicles and/or stops offer free internet "
            "(Wi-Fi) to passengers, provided, funded or managed by the local government, including "
            "through a BUMD or an operator contract. Denominator: all licensed public transport "
            "routes serving the region in the reference year; multiply by 100. Count a route when "
            "most of its fleet (more than half) is served. Sources: Dinas Perhubungan, "
            "Diskominfo, transport operators. Provisional thresholds 20/40/60/80 %: plain "
            "quartiles; level 5 means passengers are connected across almost the whole network.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-13",
        "iso37122": "19.13",
        "title": (
            "Persentase panjang jalan yang memenuhi persyaratan sistem kendaraan otonom",
            "Percentage of roads conforming to autonomous driving systems",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("1", "5", "10", "25"),
        "guidance": (
            "Pembilang: panjang jalan (km) yang siap dilalui kendaraan otonom: marka dan rambu "
            "lengkap, jelas dan konsisten, terpetakan dalam peta digital resolusi tinggi, dan "
            "terjangkau komunikasi kendaraan-infrastruktur (V2X) atau jaringan seluler yang andal, "
            "misalnya koridor uji coba yang ditetapkan. Penyebut: panjang seluruh jalan di wilayah "
            "(Dinas PUPR/BPS) pada tahun referensi; hasil bagi dikali 100. Sumber: Dinas PUPR, "
            "Dinas Perhubungan, Diskominfo. Belum ada standar nasional, jadi jelaskan kriteria yang "
            "dipakai di catatan. Ambang sementara 1/5/10/25 %: kesiapan masih tahap rintisan, "
            "sehingga satu koridor uji coba sudah dihargai dan level 5 berarti seperempat jaringan "
            "siap.",
            "Numerator: length of roads (km) ready for autonomous vehicles: complete, clear and "
            "consistent markings and signs, covered by a high-definition digital map, and reached "
            "by vehicle-to-infrastructure (V2X) communication or reliable mobile coverage — for "
            "example a designated trial corridor. Denominator: total road length in the region "
            "(Dinas PUPR/BPS) in the reference year; multiply by 100. Sources: Dinas PUPR, Dinas "
            "Perhubungan, Diskominfo. There is no national standard yet, so state the criteria "
            "used in the notes. Provisional thresholds 1/5/10/25 %: readiness is at a pioneering "
            "stage, so a single trial corridor is already rewarded and level 5 means a quarter of "
            "the network is ready.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "TRA",
        "code": "TRA-14",
        "iso37122": "19.14",
        "title": (
            "Persentase armada bus kota yang digerakkan motor (bukan mesin pembakaran)",
            "Percentage of the city's bus fleet that is motor-driven",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "15", "30", "50"),
        "guidance": (
            "‘Digerakkan motor’ berarti bus yang digerakkan motor listrik (baterai, sel bahan "
            "bakar/hidrogen, bus troli), bukan mesin pembakaran dalam berbahan bakar solar, bensin, "
            "gas atau biogas. Pembilang: jumlah bus listrik dalam armada angkutan umum perkotaan "
            "yang beroperasi di wilayah (BUMD, operator berkontrak, program Teman Bus); penyebut: "
            "seluruh bus dalam armada itu pada akhir tahun referensi; hasil bagi dikali 100. "
            "Sumber: Dinas Perhubungan dan operator bus. Ambang sementara 5/15/30/50 %: "
            "elektrifikasi bus di Indonesia baru dimulai, sedangkan kota terdepan (mis. "
            "TransJakarta) menargetkan armada listrik penuh sekitar 2030; level 5 berarti separuh "
            "armada sudah listrik.",
            "'Motor-driven' means buses driven by electric motors (battery, fuel-cell/hydrogen, "
            "trolleybus), not internal-combustion engines burning diesel, petrol, gas or biogas. "
            "Numerator: electric buses in the urban public transport fleet operating in the region "
            "(BUMD, contracted operators, the Teman Bus programme); denominator: all buses in that "
            "fleet at the end of the reference year; multiply by 100. Sources: Dinas Perhubungan "
            "and bus operators. Provisional thresholds 5/15/30/50 %: bus electrification in "
            "Indonesia has only begun, while leading cities (for example TransJakarta) aim at a "
            "fully electric fleet around 2030; level 5 means half the fleet is electric.",
        ),
        "evidence_required": False,
    },
    # ------------------------------------------------------------------ AGR (clause 20)
    {
        "theme": "AGR",
        "code": "AGR-1",
        "iso37122": "20.1",
        "title": (
            "Persentase anggaran daerah per tahun yang dibelanjakan untuk inisiatif pertanian "
            "perkotaan",
            "Annual percentage of municipal budget spent on urban agriculture initiatives",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.1", "0.25", "0.5", "1"),
        "guidance": (
            "Pembilang: realisasi belanja APBD pada tahun anggaran referensi untuk kegiatan "
            "pertanian perkotaan — pekarangan pangan lestari (P2L), kebun komunitas, hidroponik/"
            "akuaponik, budidaya ikan dan ternak kecil di permukiman, bibit dan sarana produksi, "
            "pelatihan dan pendampingan kelompok tani kota. Penyebut: total realisasi belanja APBD "
            "pada tahun yang sama; hasil bagi dikali 100. Sumber: Dinas Pertanian/Ketahanan "
            "Pangan, BPKAD dan Bappeda (pohon kinerja, sub-kegiatan); di kabupaten hitung hanya "
            "kegiatan di kawasan perkotaan dan permukiman, bukan seluruh belanja pertanian. "
            "Ambang sementara 0,1/0,25/0,5/1 %: pertanian perkotaan biasanya porsi kecil dari "
            "APBD, sehingga 1 % sudah menandakan komitmen kuat.",
            "Numerator: realised APBD spending in the reference budget year on urban agriculture "
            "— sustainable home-garden food programmes (P2L), community gardens, hydroponics/"
            "aquaponics, fish and small-livestock raising in settlements, seeds and inputs, "
            "training and support for urban farmer groups. Denominator: total realised APBD "
            "spending in the same year; multiply by 100. Sources: Dinas Pertanian/Ketahanan "
            "Pangan, BPKAD and Bappeda (performance tree, sub-activities); in a kabupaten count "
            "only activities in urban areas and settlements, not all farm spending. Provisional "
            "thresholds 0.1/0.25/0.5/1 %: urban agriculture is usually a small share of the "
            "budget, so 1 % already signals strong commitment.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "AGR",
        "code": "AGR-2",
        "iso37122": "20.2",
        "title": (
            "Jumlah sampah makanan terkumpul yang dikirim ke fasilitas pengomposan per kapita "
            "per tahun",
            "Annual total collected municipal food waste sent to a processing facility for "
            "composting per capita",
        ),
        "kind": "quantitative",
        "unit": "ton/kapita/tahun",
        "direction": "higher",
        "thresholds": ("0.005", "0.01", "0.025", "0.05"),
        "guidance": (
            "Pembilang: berat (ton) sampah makanan/sisa dapur yang dikumpulkan dari rumah tangga, "
            "pasar, restoran dan kantor lalu diolah menjadi kompos selama tahun referensi di rumah "
            "kompos, TPS3R, TPST atau fasilitas pengomposan di TPA; pengomposan di rumah warga "
            "tidak dihitung karena tidak terkumpul. Penyebut: jumlah penduduk pertengahan tahun "
            "(BPS/Disdukcapil); hasilnya ton per kapita per tahun (tanpa dikali 100). Sumber: "
            "Dinas Lingkungan Hidup, data SIPSN, laporan TPS3R dan bank sampah. Ambang sementara "
            "0,005/0,01/0,025/0,05 ton (5/10/25/50 kg per orang): sisa makanan kira-kira 0,1 ton "
            "per orang per tahun, sehingga level 5 berarti sekitar separuhnya dikomposkan, sejalan "
            "dengan target pengurangan sampah Jakstranas.",
            "Numerator: weight (tonnes) of food and kitchen waste collected from households, "
            "markets, restaurants and offices and composted during the reference year at compost "
            "houses, TPS3R, TPST or landfill composting facilities; home composting does not "
            "count because it is not collected. Denominator: mid-year population "
            "(BPS/Disdukcapil); the result is tonnes per capita per year (no ×100). Sources: "
            "Dinas Lingkungan Hidup, the national waste information system (SIPSN), TPS3R and "
            "waste-bank reports. Provisional thresholds 0.005/0.01/0.025/0.05 t (5/10/25/50 kg a "
            "person): food waste is roughly 0.1 t a person a year, so level 5 means about half is "
            "composted, in line with the national waste-reduction strategy (Jakstranas).",
        ),
        "evidence_required": False,
    },
    {
        "theme": "AGR",
        "code": "AGR-3",
        "iso37122": "20.3",
        "title": (
            "Persentase luas wilayah kota yang tercakup sistem pemetaan pemasok pangan daring",
            "Percentage of the city's land area covered by an online food-supplier mapping system",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Sistem pemetaan pemasok pangan daring adalah peta yang dapat diakses publik dan "
            "menunjukkan lokasi produsen, pasar, distributor, toko dan pelaku usaha pangan "
            "(sebaiknya dengan stok atau harga), misalnya di geoportal atau sistem informasi "
            "ketahanan pangan daerah. Pembilang: luas daratan (km²) kecamatan/kelurahan yang "
            "pemasok pangannya sudah terpetakan dan diperbarui dalam tahun referensi; penyebut: "
            "luas daratan wilayah (BPS/Bappeda); hasil bagi dikali 100. Sumber: Dinas Ketahanan "
            "Pangan, Dinas Perdagangan, Diskominfo. Ambang sementara 20/40/60/80 %: kuartil "
            "sederhana; level 5 berarti hampir seluruh wilayah terpetakan sehingga kerawanan "
            "pasokan dapat cepat dikenali.",
            "An online food-supplier mapping system is a publicly accessible map showing where "
            "food producers, markets, distributors, shops and food businesses are (preferably with "
            "stock or prices), for example on a geoportal or a regional food-security information "
            "system. Numerator: land area (km²) of the districts/villages whose food suppliers "
            "are mapped and updated within the reference year; denominator: the region's land "
            "area (BPS/Bappeda); multiply by 100. Sources: Dinas Ketahanan Pangan, Dinas "
            "Perdagangan, Diskominfo. Provisional thresholds 20/40/60/80 %: plain quartiles; "
            "level 5 means almost the whole region is mapped so that supply gaps are spotted "
            "quickly.",
        ),
        "evidence_required": False,
    },
    # ------------------------------------------------------------------ WWA (clause 22)
    {
        "theme": "WWA",
        "code": "WWA-1",
        "iso37122": "22.1",
        "title": (
            "Persentase air limbah terolah yang dimanfaatkan kembali",
            "Percentage of treated wastewater being reused",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "10", "25", "50"),
        "guidance": (
            "Pembilang: volume (m³) air limbah domestik yang telah diolah di IPAL terpusat, IPAL "
            "komunal atau IPLT lalu dimanfaatkan kembali selama tahun referensi — penyiraman "
            "taman, pencucian jalan, air proses industri, irigasi atau pengisian air tanah; air "
            "yang sekadar dibuang ke sungai tidak dihitung. Penyebut: total volume air limbah "
            "terolah pada tahun yang sama; hasil bagi dikali 100. Sumber: Dinas PUPR/Perkim, "
            "UPTD/Perumda pengelola air limbah, Dinas Lingkungan Hidup. Ambang sementara "
            "5/10/25/50 %: pemanfaatan kembali di Indonesia masih jarang, sehingga 5 % sudah "
            "menandai praktik nyata dan level 5 berarti separuh air terolah kembali dipakai.",
            "Numerator: volume (m³) of domestic wastewater treated in a central treatment plant "
            "(IPAL), a communal plant or a septage plant (IPLT) and then reused during the "
            "reference year — park irrigation, street cleaning, industrial process water, "
            "agricultural irrigation or groundwater recharge; water merely discharged to rivers "
            "does not count. Denominator: total volume of treated wastewater in the same year; "
            "multiply by 100. Sources: Dinas PUPR/Perkim, the wastewater UPTD/Perumda, Dinas "
            "Lingkungan Hidup. Provisional thresholds 5/10/25/50 %: reuse is still rare in "
            "Indonesia, so 5 % already marks real practice and level 5 means half the treated "
            "water is used again.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WWA",
        "code": "WWA-2",
        "iso37122": "22.2",
        "title": (
            "Persentase lumpur hasil olahan (biosolid) yang dimanfaatkan kembali (massa kering)",
            "Percentage of biosolids that are reused (dry matter mass)",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("10", "25", "50", "75"),
        "guidance": (
            "Biosolid adalah lumpur hasil pengolahan air limbah dan lumpur tinja (dari IPAL dan "
            "IPLT) yang telah distabilkan. Pembilang: massa kering (ton bahan kering) biosolid yang "
            "dimanfaatkan selama tahun referensi — sebagai pupuk/pembenah tanah, bahan bakar, atau "
            "bahan bangunan; penyebut: massa kering seluruh biosolid yang dihasilkan pada tahun "
            "yang sama; hasil bagi dikali 100. Bila hanya volume basah yang dicatat, konversikan "
            "dengan kadar bahan kering hasil uji laboratorium dan sebutkan angkanya. Sumber: UPTD/"
            "Perumda pengelola IPLT dan IPAL, Dinas PUPR/Perkim, Dinas Lingkungan Hidup. Ambang "
            "sementara 10/25/50/75 %: level 5 berarti tiga perempat lumpur kembali bermanfaat dan "
            "tidak ditimbun.",
            "Biosolids are stabilised sludge from wastewater and faecal-sludge treatment (IPAL "
            "and IPLT). Numerator: dry mass (tonnes of dry matter) of biosolids put to use during "
            "the reference year — as fertiliser/soil conditioner, fuel or building material; "
            "denominator: dry mass of all biosolids produced in the same year; multiply by 100. "
            "If only wet volume is recorded, convert with the laboratory dry-matter content and "
            "state it. Sources: the UPTD/Perumda running the IPLT and IPAL, Dinas PUPR/Perkim, "
            "Dinas Lingkungan Hidup. Provisional thresholds 10/25/50/75 %: level 5 means three "
            "quarters of the sludge is used again rather than dumped.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WWA",
        "code": "WWA-3",
        "iso37122": "22.3",
        "title": (
            "Energi yang dihasilkan dari air limbah sebagai persentase total konsumsi energi kota",
            "Energy derived from wastewater as a percentage of total energy consumption of the "
            "city",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.01", "0.05", "0.1", "0.5"),
        "guidance": (
            "Pembilang: energi (MWh atau setara) yang dihasilkan dari air limbah dan lumpurnya "
            "selama tahun referensi — listrik dan panas dari biogas digester IPAL/IPLT, pembakaran "
            "lumpur kering, atau pemulihan panas air limbah. Penyebut: total konsumsi energi "
            "wilayah pada tahun yang sama (listrik dari PLN ditambah bahan bakar, dalam satuan yang "
            "sama; gunakan angka indikator energi kota bila sudah dihitung); hasil bagi dikali 100. "
            "Sumber: UPTD/Perumda air limbah, Dinas PUPR, PLN, Dinas ESDM provinsi/Bappeda. Ambang "
            "sementara 0,01/0,05/0,1/0,5 %: potensi energi air limbah secara teknis hanya sebagian "
            "kecil kebutuhan energi kota, jadi ambang sengaja rendah dan level 5 (0,5 %) menandai "
            "pemanfaatan yang sangat maju.",
            "Numerator: energy (MWh or equivalent) produced from wastewater and its sludge in the "
            "reference year — electricity and heat from IPAL/IPLT digester biogas, incineration of "
            "dried sludge, or heat recovery from sewage. Denominator: the region's total energy "
            "consumption in the same year (PLN electricity plus fuels, in the same unit; reuse the "
            "city energy figure if already computed); multiply by 100. Sources: the wastewater "
            "UPTD/Perumda, Dinas PUPR, PLN, provincial energy office/Bappeda. Provisional "
            "thresholds 0.01/0.05/0.1/0.5 %: the technical potential of wastewater energy is a "
            "small fraction of a city's energy needs, so the thresholds are deliberately low and "
            "level 5 (0.5 %) marks very advanced use.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WWA",
        "code": "WWA-4",
        "iso37122": "22.4",
        "title": (
            "Persentase total air limbah di kota yang dimanfaatkan untuk menghasilkan energi",
            "Percentage of total amount of wastewater in the city that is used to generate energy",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "10", "25", "50"),
        "guidance": (
            "Pembilang: volume air limbah (m³), termasuk lumpur tinja, yang diolah di fasilitas "
            "yang memulihkan energinya (digester anaerobik dengan pemanfaatan biogas, pemulihan "
            "panas) selama tahun referensi; biogas yang dibakar habis di flare tanpa dimanfaatkan "
            "tidak dihitung. Penyebut: total volume air limbah domestik yang dihasilkan di wilayah "
            "— bila tidak terukur, perkirakan sekitar 80 % dari konsumsi air bersih dan sebutkan "
            "dasarnya; hasil bagi dikali 100. Sumber: UPTD/Perumda air limbah, Dinas PUPR/Perkim, "
            "PDAM/Perumda Air Minum (konsumsi air). Ambang sementara 5/10/25/50 %: sebagian besar "
            "daerah belum memulihkan energi, sehingga 5 % sudah berarti dan level 5 berarti "
            "separuh air limbah menjadi sumber energi.",
            "Numerator: volume of wastewater (m³), faecal sludge included, treated in facilities "
            "that recover its energy (anaerobic digesters whose biogas is used, heat recovery) "
            "during the reference year; biogas simply flared does not count. Denominator: total "
            "volume of domestic wastewater generated in the region — if not measured, estimate it "
            "as about 80 % of clean-water consumption and state the basis; multiply by 100. "
            "Sources: the wastewater UPTD/Perumda, Dinas PUPR/Perkim, PDAM/Perumda Air Minum "
            "(water consumption). Provisional thresholds 5/10/25/50 %: most regions recover no "
            "energy yet, so 5 % is already meaningful and level 5 means half the wastewater feeds "
            "energy production.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WWA",
        "code": "WWA-5",
        "iso37122": "22.5",
        "title": (
            "Persentase jaringan perpipaan air limbah yang dipantau sistem sensor pelacakan data "
            "waktu nyata",
            "Percentage of the wastewater pipeline network monitored by a real-time data-tracking "
            "sensor system",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: panjang jaringan perpipaan air limbah (km) — SPALD terpusat dan jaringan "
            "komunal — yang dipantau sensor yang mengirim data secara waktu nyata ke pusat kendali "
            "(tinggi muka air, debit, tekanan pompa, luapan); satu sensor dianggap memantau ruas "
            "pipa yang dilayaninya hingga titik pantau berikutnya. Penyebut: panjang seluruh "
            "jaringan perpipaan air limbah pada tahun referensi; hasil bagi dikali 100. Sumber: "
            "Dinas PUPR/Perkim, UPTD/Perumda air limbah (SCADA). Daerah tanpa jaringan perpipaan "
            "(hanya tangki septik) menjawab ‘tidak berlaku’ dengan alasan tersebut. Ambang "
            "sementara 20/40/60/80 %: kuartil sederhana karena belum ada target nasional.",
            "Numerator: length of the wastewater pipe network (km) — central sewerage and "
            "communal networks — monitored by sensors that send data in real time to a control "
            "centre (water level, flow, pump pressure, overflow); a sensor counts as monitoring "
            "the pipe section it serves up to the next monitoring point. Denominator: total length "
            "of the wastewater pipe network in the reference year; multiply by 100. Sources: Dinas "
            "PUPR/Perkim, the wastewater UPTD/Perumda (SCADA). Regions without a piped network "
            "(septic tanks only) answer 'not applicable' with that reason. Provisional "
            "thresholds 20/40/60/80 %: plain quartiles as there is no national target.",
        ),
        "evidence_required": False,
    },
    # ------------------------------------------------------------------ WAT (clause 23)
    {
        "theme": "WAT",
        "code": "WAT-1",
        "iso37122": "23.1",
        "title": (
            "Persentase air minum yang dipantau stasiun pemantauan kualitas air waktu nyata",
            "Percentage of drinking water tracked by real-time water quality monitoring station",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Pembilang: volume air minum (m³) yang didistribusikan melalui instalasi atau zona "
            "yang dilengkapi stasiun pemantauan kualitas air otomatis dan daring (mis. kekeruhan, "
            "sisa klor, pH) selama tahun referensi. Penyebut: total volume air minum yang "
            "didistribusikan sistem perpipaan di wilayah pada tahun yang sama; hasil bagi dikali "
            "100. Pengambilan sampel manual untuk laboratorium, meski rutin sesuai Permenkes "
            "2/2023, tidak dihitung. Sumber: PDAM/Perumda Air Minum, Dinas PUPR, Dinas Kesehatan "
            "(pengawasan kualitas air). Ambang sementara 20/40/60/80 %: kuartil sederhana; level 5 "
            "berarti hampir seluruh air minum perpipaan terpantau terus-menerus.",
            "Numerator: volume of drinking water (m³) distributed through treatment plants or "
            "zones fitted with automatic online water-quality monitoring stations (for example "
            "turbidity, residual chlorine, pH) during the reference year. Denominator: total "
            "volume of drinking water distributed by piped systems in the region in the same "
            "year; multiply by 100. Manual sampling for laboratory tests, even when routine under "
            "Ministry of Health Regulation 2/2023, does not count. Sources: PDAM/Perumda Air "
            "Minum, Dinas PUPR, Dinas Kesehatan (water-quality surveillance). Provisional "
            "thresholds 20/40/60/80 %: plain quartiles; level 5 means almost all piped drinking "
            "water is monitored continuously.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WAT",
        "code": "WAT-2",
        "iso37122": "23.2",
        "title": (
            "Jumlah stasiun pemantauan kualitas air lingkungan waktu nyata per 100.000 penduduk",
            "Number of real-time environmental water quality monitoring stations per 100 000 "
            "population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("0.1", "0.25", "0.5", "1"),
        "guidance": (
            "Hitung stasiun otomatis yang aktif mengirim data kualitas air secara waktu nyata dari "
            "sungai, danau, waduk, pesisir atau air tanah di wilayah pada akhir tahun referensi, "
            "termasuk stasiun ONLIMO milik kementerian lingkungan hidup dan milik daerah; titik "
            "sampling manual tidak dihitung. Bagi dengan jumlah penduduk (BPS/Disdukcapil) dan "
            "kalikan 100.000. Sumber: Dinas Lingkungan Hidup, BBWS/BWS, kementerian lingkungan "
            "hidup (sistem ONLIMO). Ambang sementara 0,1/0,25/0,5/1: 0,1 setara satu stasiun per "
            "sejuta penduduk, sedangkan 1 berarti satu stasiun per 100.000 penduduk — cukup untuk "
            "memantau sungai utama dan anak sungainya di kota menengah.",
            "Count automatic stations actively sending water-quality data in real time from "
            "rivers, lakes, reservoirs, coastal waters or groundwater in the region at the end of "
            "the reference year, including the environment ministry's ONLIMO stations and the "
            "region's own; manual sampling points do not count. Divide by the population "
            "(BPS/Disdukcapil) and multiply by 100 000. Sources: Dinas Lingkungan Hidup, river "
            "basin agencies (BBWS/BWS), the environment ministry (ONLIMO system). Provisional "
            "thresholds 0.1/0.25/0.5/1: 0.1 equals one station per million residents, while 1 "
            "means one station per 100 000 residents — enough to watch the main river and its "
            "tributaries in a mid-sized city.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WAT",
        "code": "WAT-3",
        "iso37122": "23.3",
        "title": (
            "Persentase jaringan distribusi air minum yang dipantau sistem air cerdas",
            "Percentage of the city's water distribution network monitored by a smart water system",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Sistem air cerdas memantau jaringan secara otomatis dan terus-menerus — sensor debit, "
            "tekanan dan/atau kualitas yang terhubung ke SCADA atau dasbor, biasanya per zona "
            "meter distrik (DMA) — sehingga kebocoran dan gangguan cepat terdeteksi. Pembilang: "
            "panjang pipa distribusi (km) di zona yang terpantau sistem itu; penyebut: panjang "
            "seluruh pipa distribusi pada akhir tahun referensi; hasil bagi dikali 100. Sumber: "
            "PDAM/Perumda Air Minum (data aset dan SCADA), Dinas PUPR. Ambang sementara "
            "20/40/60/80 %: kuartil sederhana; level 5 berarti hampir seluruh jaringan terbagi "
            "dalam zona terpantau, dasar penurunan air tak berekening (NRW).",
            "A smart water system monitors the network automatically and continuously — flow, "
            "pressure and/or quality sensors linked to SCADA or a dashboard, usually per district "
            "metered area (DMA) — so leaks and faults are found quickly. Numerator: length of "
            "distribution pipes (km) in zones monitored by such a system; denominator: total "
            "length of distribution pipes at the end of the reference year; multiply by 100. "
            "Sources: PDAM/Perumda Air Minum (asset and SCADA data), Dinas PUPR. Provisional "
            "thresholds 20/40/60/80 %: plain quartiles; level 5 means almost the whole network is "
            "divided into monitored zones, the basis for cutting non-revenue water.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "WAT",
        "code": "WAT-4",
        "iso37122": "23.4",
        "title": (
            "Persentase bangunan di kota yang menggunakan meter air cerdas",
            "Percentage of buildings in the city with smart water meters",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "10", "25", "50"),
        "guidance": (
            "Meter air cerdas mencatat pemakaian secara elektronik dan mengirimkan datanya otomatis "
            "(AMR/AMI, mis. melalui LoRa, NB-IoT atau seluler) tanpa pembacaan manual; meter "
            "prabayar tanpa pengiriman data tidak dihitung. Pembilang: jumlah bangunan yang "
            "memiliki sedikitnya satu meter air cerdas; penyebut: jumlah seluruh bangunan di "
            "wilayah pada tahun referensi — pakai data bangunan Dinas PUPR/Perkim (SIMBG) atau, "
            "bila tidak ada, jumlah objek PBB bangunan dari Bapenda; hasil bagi dikali 100. "
            "Sumber: PDAM/Perumda Air Minum, Dinas PUPR/Perkim, Bapenda. Ambang sementara "
            "5/10/25/50 %: meter cerdas masih tahap uji coba di Indonesia, sehingga 5 % sudah "
            "menandai penerapan nyata dan level 5 berarti separuh bangunan terukur otomatis.",
            "A smart water meter records use electronically and sends the data automatically "
            "(AMR/AMI, for example over LoRa, NB-IoT or cellular) without manual reading; prepaid "
            "meters that send no data do not count. Numerator: buildings with at least one smart "
            "water meter; denominator: all buildings in the region in the reference year — use "
            "Dinas PUPR/Perkim building data (SIMBG) or, failing that, the number of built "
            "property-tax (PBB) objects from Bapenda; multiply by 100. Sources: PDAM/Perumda Air "
            "Minum, Dinas PUPR/Perkim, Bapenda. Provisional thresholds 5/10/25/50 %: smart meters "
            "are still at pilot stage in Indonesia, so 5 % already marks real deployment and "
            "level 5 means half of all buildings are metered automatically.",
        ),
        "evidence_required": False,
    },
]
