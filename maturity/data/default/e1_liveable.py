# ruff: noqa: E501
"""E1 Kota layak huni: EDU, HEA, HOU, POP, REC, SPC, URP (SNI ISO 37122 clauses 6, 11-14, 17, 21).

All thresholds are PROVISIONAL; each guidance text gives the reasoning behind them.
"""

INDICATORS: list[dict] = [
    # ---------------------------------------------------------------- EDU — Pendidikan
    {
        "theme": "EDU",
        "code": "EDU-1",
        "iso37122": "6.1",
        "title": (
            "Persentase penduduk yang menguasai lebih dari satu bahasa pada tingkat profesional",
            "Percentage of the city population with professional proficiency in more than one language",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "10", "20", "40"),
        "guidance": (
            "Hitung penduduk yang mampu memakai bahasa Indonesia dan sedikitnya satu bahasa lain "
            "(bahasa asing, atau bahasa daerah yang dipakai secara profesional, mis. guru muatan lokal, "
            "penerjemah, penyiar) untuk bekerja: rapat, menulis surat atau laporan. Pembilang: jumlah "
            "penduduk tersebut (dari survei sampel Bappeda/Dinas Pendidikan, atau data sertifikat "
            "seperti TOEFL/IELTS/JLPT dari lembaga kursus dan perguruan tinggi); penyebut: jumlah "
            "penduduk (BPS/Disdukcapil) pada tahun referensi yang sama; kalikan 100. Tuliskan metode dan "
            "tahun datanya di kolom sumber data, karena Susenas BPS tidak mengukur kecakapan bahasa secara "
            "langsung. Ambang sementara 5/10/20/40 %: kecakapan profesional bahasa asing di Indonesia "
            "masih tergolong rendah dalam pemeringkatan internasional, sehingga 5 % sudah menandai awal "
            "dan 40 % menandai kota yang benar-benar multibahasa.",
            "Count residents who can use Indonesian and at least one other language (a foreign language, "
            "or a regional language used professionally, e.g. local-content teachers, translators, "
            "broadcasters) for work: meetings, writing letters or reports. Numerator: the number of such "
            "residents (from a Bappeda/Dinas Pendidikan sample survey, or certificate data such as "
            "TOEFL/IELTS/JLPT from language schools and universities); denominator: the population "
            "(BPS/Disdukcapil) for the same reference year; multiply by 100. State the method and year in "
            "the data-source field, since the BPS Susenas survey does not measure language proficiency "
            "directly. Provisional thresholds 5/10/20/40 %: professional foreign-language proficiency in "
            "Indonesia ranks low internationally, so 5 % marks a start and 40 % a truly multilingual city.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "EDU",
        "code": "EDU-2",
        "iso37122": "6.2",
        "title": (
            "Jumlah komputer, laptop, tablet atau perangkat pembelajaran digital lain per 1.000 siswa",
            "Number of computers, laptops, tablets or other digital learning devices available per 1 000 students",
        ),
        "kind": "quantitative",
        "unit": "per 1000 siswa",
        "direction": "higher",
        "thresholds": ("50", "100", "200", "500"),
        "guidance": (
            "Hitung perangkat yang berfungsi dan tersedia untuk belajar siswa (komputer lab, laptop/"
            "Chromebook, tablet) di sekolah dan madrasah SD-SMA/SMK di wilayah; perangkat khusus tata usaha "
            "tidak dihitung. Pembilang: jumlah perangkat (Dapodik melalui Dinas Pendidikan, EMIS Kemenag "
            "untuk madrasah); penyebut: jumlah siswa terdaftar pada tahun ajaran yang sama; bagi lalu "
            "kalikan 1.000. Gunakan data semester ganjil tahun ajaran terakhir dan sebutkan jenjang yang "
            "tercakup. Ambang sementara 50/100/200/500: setara 1 perangkat untuk 20, 10, 5 dan 2 siswa; "
            "rasio 1:2 mendekati pembelajaran digital sehari-hari, sedangkan 1:20 hanya cukup untuk "
            "satu lab bergilir.",
            "Count working devices available for student learning (lab computers, laptops/Chromebooks, "
            "tablets) in primary to upper-secondary schools and madrasahs in the region; devices used only "
            "for administration do not count. Numerator: the number of devices (Dapodik via Dinas "
            "Pendidikan, the Ministry of Religious Affairs' EMIS for madrasahs); denominator: enrolled "
            "students in the same school year; divide and multiply by 1 000. Use the odd-semester data of "
            "the latest school year and state which levels are covered. Provisional thresholds "
            "50/100/200/500: one device for 20, 10, 5 and 2 students; 1:2 approaches everyday digital "
            "learning, while 1:20 only supports one shared lab.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "EDU",
        "code": "EDU-3",
        "iso37122": "6.3",
        "title": (
            "Jumlah lulusan pendidikan tinggi bidang sains, teknologi, teknik dan matematika (STEM) per 100.000 penduduk",
            "Number of science, technology, engineering and mathematics (STEM) higher education degrees per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("20", "50", "100", "200"),
        "guidance": (
            "Hitung ijazah D3, D4/S1, S2 dan S3 bidang sains alam, teknologi/informatika, teknik dan "
            "matematika/statistika yang diterbitkan dalam satu tahun kalender oleh perguruan tinggi yang "
            "kampusnya berada di wilayah (bidang kesehatan, sosial dan humaniora tidak dihitung). "
            "Pembilang: jumlah lulusan STEM (PDDikti Kemdiktisaintek, LLDikti, atau data langsung dari "
            "perguruan tinggi); penyebut: jumlah penduduk tahun yang sama (BPS); bagi lalu kalikan 100.000. "
            'Wilayah tanpa perguruan tinggi mengisi 0, bukan "tidak berlaku". Ambang sementara '
            "20/50/100/200: secara nasional lulusan STEM kira-kira berorde 100 per 100.000 penduduk per "
            "tahun, sehingga 100 menandai rata-rata nasional dan 200 kota pendidikan/teknologi.",
            "Count diploma (D3), bachelor/applied-bachelor, master's and doctoral degrees in natural "
            "sciences, technology/informatics, engineering and mathematics/statistics awarded in one "
            "calendar year by higher-education institutions with a campus in the region (health, social "
            "sciences and humanities do not count). Numerator: STEM graduates (PDDikti of the ministry of "
            "higher education, LLDikti, or the institutions themselves); denominator: population of the same "
            "year (BPS); divide and multiply by 100 000. A region without a university enters 0, not "
            '"not applicable". Provisional thresholds 20/50/100/200: nationally, STEM graduates are of the '
            "order of 100 per 100 000 population a year, so 100 marks the national average and 200 a "
            "university or technology city.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "EDU",
        "code": "EDU-K1",
        "title": ("Program literasi digital", "Digital literacy programmes"),
        "kind": "rubric",
        "guidance": (
            "Program literasi digital melatih warga (pelajar, guru, UMKM, lansia, penyandang disabilitas, "
            "perempuan, ASN) dalam empat pilar: cakap, etika, aman dan budaya digital. Data dukung: "
            "dokumen perencanaan (RPJMD, Renstra/Renja Diskominfo, Dinas Pendidikan, Dinas Perpustakaan), "
            "Perwali/Perbup atau SK tim/program, kerangka acuan dan laporan kegiatan dengan jumlah peserta "
            "per kelompok sasaran, naskah kerja sama (mis. Gerakan Nasional Literasi Digital/Siberkreasi, "
            "perguruan tinggi, swasta), tangkapan layar kelas daring, serta hasil evaluasi (pre/post-test, "
            "survei indeks literasi digital). Pilih level tertinggi yang seluruh syaratnya terpenuhi.",
            "Digital literacy programmes train residents (students, teachers, micro and small businesses, "
            "older people, persons with disabilities, women, civil servants) in four pillars: digital "
            "skills, ethics, safety and culture. Evidence: planning documents (RPJMD, the strategic/work "
            "plans of Diskominfo, Dinas Pendidikan, the library office), the mayor's/regent's regulation "
            "(Perwali/Perbup) or decree (SK) on the team or programme, terms of reference and activity "
            "reports with participant numbers per target group, partnership agreements (e.g. the National "
            "Digital Literacy Movement/Siberkreasi, universities, companies), screenshots of online classes, "
            "and evaluation results (pre/post-tests, digital literacy index surveys). Choose the highest "
            "level whose conditions are all met.",
        ),
        "evidence_required": True,
        "rubric": {
            1: (
                "Belum ada program literasi digital dari pemerintah daerah; kegiatan hanya sesekali dan "
                "diadakan pihak luar.",
                "The local government has no digital literacy programme; activities are occasional and run "
                "by outside parties.",
            ),
            2: (
                "Ada kegiatan insidental oleh satu perangkat daerah (mis. webinar Diskominfo) tanpa "
                "rencana, target, atau pencatatan peserta yang rapi.",
                "One agency holds incidental activities (e.g. Diskominfo webinars) without a plan, targets "
                "or proper participant records.",
            ),
            3: (
                "Program tercantum dalam dokumen perencanaan dengan anggaran, target dan kelompok sasaran, "
                "mencakup empat pilar literasi digital, dan jumlah peserta tercatat setiap tahun.",
                "The programme is in a planning document with budget, targets and target groups, covers the "
                "four digital literacy pillars, and participants are recorded every year.",
            ),
            4: (
                "Program lintas perangkat daerah berdasar Perwali/Perbup atau SK, menjangkau kelompok "
                "rentan (lansia, disabilitas, desa/kelurahan terpencil) bersama sekolah, komunitas dan "
                "swasta, dengan data peserta terpilah dan laporan tahunan.",
                "A cross-agency programme grounded in a Perwali/Perbup or decree reaches vulnerable groups "
                "(older people, persons with disabilities, remote villages) with schools, communities and "
                "companies, with disaggregated participant data and an annual report.",
            ),
            5: (
                "Program melembaga dengan anggaran berkelanjutan, hasilnya diukur (pre/post-test, indeks "
                "literasi digital daerah) dan evaluasinya dipakai untuk memperbaiki program setiap tahun.",
                "The programme is institutionalised with sustained funding, its outcomes are measured "
                "(pre/post-tests, a regional digital literacy index) and the evaluation is used to improve "
                "it every year.",
            ),
        },
    },
    # ---------------------------------------------------------------- HEA — Kesehatan
    {
        "theme": "HEA",
        "code": "HEA-1",
        "iso37122": "11.1",
        "title": (
            "Persentase penduduk yang memiliki rekam kesehatan elektronik terpadu yang dapat diakses penyedia layanan kesehatan",
            "Percentage of the city's population with an online unified health file accessible to health care providers",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Hitung penduduk yang rekam medis elektroniknya terhubung dalam satu berkas terpadu yang bisa "
            "dibuka oleh puskesmas, klinik dan rumah sakit lain yang merawatnya (mis. melalui platform "
            "SATUSEHAT Kemenkes atau sistem informasi kesehatan daerah yang terintegrasi); rekam medis "
            "elektronik yang hanya tersimpan di satu fasilitas tidak dihitung. Pembilang: jumlah penduduk "
            "unik (berdasarkan NIK) dengan berkas terpadu tersebut, dari Dinas Kesehatan; penyebut: "
            "jumlah penduduk (Disdukcapil/BPS) pada akhir tahun referensi; kalikan 100. Ambang sementara "
            "20/40/60/80 %: Permenkes No. 24/2022 mewajibkan semua fasilitas kesehatan memakai rekam "
            "medis elektronik yang terhubung ke SATUSEHAT, jadi sasarannya cakupan universal dan "
            "kuartil ini menandai kemajuan menujunya.",
            "Count residents whose electronic medical records are linked in one unified file that the "
            "community health centres (puskesmas), clinics and hospitals treating them can open (e.g. "
            "through the Ministry of Health's SATUSEHAT platform or an integrated regional health "
            "information system); records held by a single facility only do not count. Numerator: unique "
            "residents (by national ID number, NIK) with such a file, from Dinas Kesehatan; denominator: "
            "population (Disdukcapil/BPS) at the end of the reference year; multiply by 100. Provisional "
            "thresholds 20/40/60/80 %: Health Minister Regulation 24/2022 requires all health facilities "
            "to keep electronic records connected to SATUSEHAT, so the target is universal coverage and "
            "these quartiles mark progress towards it.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "HEA",
        "code": "HEA-2",
        "iso37122": "11.2",
        "title": (
            "Jumlah konsultasi medis jarak jauh (telemedisin) per 100.000 penduduk per tahun",
            "Annual number of medical appointments conducted remotely per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("100", "500", "2000", "5000"),
        "guidance": (
            "Hitung konsultasi antara tenaga medis dan pasien yang dilakukan jarak jauh (video, telepon, "
            "pesan dalam aplikasi) dan tercatat sebagai layanan selama satu tahun kalender: telekonsultasi "
            "puskesmas dan RSUD, layanan telemedisin daerah, serta data platform swasta bila dapat "
            "diperoleh; telekonsultasi antar-dokter tanpa pasien dan kunjungan rumah tidak dihitung. "
            "Pembilang: jumlah konsultasi (Dinas Kesehatan, RSUD, laporan penyedia platform); penyebut: "
            "jumlah penduduk tahun yang sama (BPS); bagi lalu kalikan 100.000. Ambang sementara "
            "100/500/2.000/5.000: setara 1 konsultasi per 1.000, 200, 50 dan 20 penduduk per tahun; "
            "layanan telemedisin publik di daerah umumnya masih baru, sehingga ambang bawah menghargai "
            "layanan yang sudah berjalan dan ambang atas menandai telemedisin sebagai layanan rutin.",
            "Count consultations between a health professional and a patient conducted remotely (video, "
            "phone, in-app messaging) and recorded as a service during one calendar year: puskesmas and "
            "regional hospital teleconsultations, regional telemedicine services, and private platform "
            "data where obtainable; doctor-to-doctor teleconsultation without a patient and home visits do "
            "not count. Numerator: the number of consultations (Dinas Kesehatan, regional hospitals, "
            "platform reports); denominator: population of the same year (BPS); divide and multiply by "
            "100 000. Provisional thresholds 100/500/2,000/5,000: one consultation per 1,000, 200, 50 and 20 "
            "residents a year; public telemedicine in the regions is still new, so the lower thresholds "
            "reward a running service and the top one marks telemedicine as routine care.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "HEA",
        "code": "HEA-3",
        "iso37122": "11.3",
        "title": (
            "Persentase penduduk yang terjangkau sistem peringatan publik waktu nyata tentang kualitas udara dan air",
            "Percentage of the city population with access to real-time public alert systems for air and water quality advisories",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Sistem dihitung bila data pemantauan otomatis (mis. stasiun AQMS/ISPU Dinas Lingkungan Hidup, "
            "sensor kualitas air PDAM/Perumda Air Minum) langsung memicu peringatan ke warga melalui "
            "aplikasi, SMS/WhatsApp broadcast, papan informasi elektronik atau pengeras suara; laporan "
            "bulanan di situs web tidak dihitung. Pembilang: penduduk kelurahan/desa yang berada dalam "
            "jangkauan stasiun pemantau dan saluran peringatan tersebut (jumlah penduduk per kelurahan "
            "dari Disdukcapil); penyebut: jumlah penduduk wilayah; kalikan 100. Bila udara dan air dicakup "
            "sistem berbeda, gunakan penduduk yang terjangkau keduanya, atau yang lebih kecil. Ambang "
            "sementara 20/40/60/80 % (kuartil): belum ada target nasional untuk peringatan waktu nyata, "
            "dan tujuan akhirnya seluruh penduduk terlindungi.",
            "A system counts when automatic monitoring data (e.g. the Dinas Lingkungan Hidup air-quality "
            "stations reporting the ISPU index, PDAM/Perumda Air Minum water-quality sensors) directly "
            "trigger alerts to residents by app, SMS/WhatsApp broadcast, electronic signboards or "
            "loudspeakers; monthly reports on a website do not count. Numerator: residents of the "
            "kelurahan/villages covered by both a monitoring station and such an alert channel (population "
            "per kelurahan from Disdukcapil); denominator: the region's population; multiply by 100. If air "
            "and water are covered by different systems, use the residents covered by both, or the "
            "smaller figure. Provisional thresholds 20/40/60/80 % (quartiles): there is no national target "
            "for real-time alerts, and the end goal is that every resident is protected.",
        ),
        "evidence_required": False,
    },
    # ---------------------------------------------------------------- HOU — Perumahan
    {
        "theme": "HOU",
        "code": "HOU-1",
        "iso37122": "12.1",
        "title": (
            "Persentase rumah tangga yang memiliki meteran listrik pintar",
            "Percentage of households with smart energy meters",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "10", "25", "50"),
        "guidance": (
            "Meteran pintar adalah meteran yang merekam pemakaian secara berkala dan mengirim datanya "
            "otomatis ke penyedia listrik dengan komunikasi dua arah (Advanced Metering Infrastructure, "
            "AMI); meteran prabayar (token) biasa dan meteran pascabayar yang dibaca petugas tidak "
            "dihitung. Pembilang: jumlah pelanggan rumah tangga dengan meteran AMI (data PLN UP3/UID "
            "setempat); penyebut: jumlah rumah tangga di wilayah (proyeksi BPS atau data Disdukcapil) "
            "pada akhir tahun referensi; kalikan 100. Ambang sementara 5/10/25/50 %: pemasangan AMI oleh "
            "PLN masih bertahap di kota-kota tertentu, sehingga 5 % sudah menandai wilayah perintis dan "
            "50 % menandai peluncuran yang sudah meluas.",
            "A smart meter records consumption at intervals and sends the data automatically to the "
            "electricity provider over two-way communication (Advanced Metering Infrastructure, AMI); "
            "ordinary prepaid (token) meters and post-paid meters read by staff do not count. Numerator: "
            "household customers with AMI meters (data from the local PLN UP3/UID office); denominator: "
            "households in the region (BPS projection or Disdukcapil data) at the end of the reference "
            "year; multiply by 100. Provisional thresholds 5/10/25/50 %: PLN is rolling AMI out "
            "gradually in selected cities, so 5 % already marks a pioneer region and 50 % a widespread "
            "roll-out.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "HOU",
        "code": "HOU-2",
        "iso37122": "12.2",
        "title": (
            "Persentase rumah tangga yang memiliki meteran air pintar",
            "Percentage of households with smart water meters",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "10", "25", "50"),
        "guidance": (
            "Meteran air pintar mengirim data pemakaian secara otomatis (mis. melalui jaringan IoT/"
            "LoRa/NB-IoT) ke PDAM/Perumda Air Minum tanpa dibaca petugas; meteran mekanis dan meteran "
            "prabayar tanpa pengiriman data tidak dihitung. Pembilang: jumlah sambungan rumah tangga "
            "dengan meteran pintar (data PDAM/Perumda Air Minum); penyebut: seluruh rumah tangga di "
            "wilayah (BPS/Disdukcapil), bukan hanya pelanggan PDAM, karena ISO 37122 mengukur terhadap "
            "semua rumah tangga; kalikan 100. Ambang sementara 5/10/25/50 %: meteran air pintar di "
            "Indonesia masih pada tahap uji coba dan cakupan perpipaan sendiri belum menyeluruh, sehingga "
            "ambang dibuat rendah agar wilayah perintis terbedakan.",
            "A smart water meter sends consumption data automatically (e.g. over IoT/LoRa/NB-IoT "
            "networks) to the PDAM/Perumda Air Minum without a meter reader; mechanical meters and prepaid "
            "meters without data transmission do not count. Numerator: household connections with smart "
            "meters (PDAM/Perumda Air Minum data); denominator: all households in the region "
            "(BPS/Disdukcapil), not just PDAM customers, since ISO 37122 measures against all households; "
            "multiply by 100. Provisional thresholds 5/10/25/50 %: smart water meters in Indonesia are "
            "still at pilot stage and piped-water coverage itself is incomplete, so the thresholds are low "
            "to set pioneer regions apart.",
        ),
        "evidence_required": False,
    },
    # ---------------------------------------------------------------- POP — Kependudukan dan kondisi sosial
    {
        "theme": "POP",
        "code": "POP-1",
        "iso37122": "13.1",
        "title": (
            "Persentase bangunan publik yang aksesibel bagi penyandang disabilitas",
            "Percentage of public buildings that are accessible by persons with special needs",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Bangunan publik: kantor pemerintah daerah yang melayani warga, sekolah negeri, puskesmas, "
            "RSUD, pasar, terminal, gedung olahraga dan budaya milik pemerintah daerah. Bangunan dihitung "
            "aksesibel bila memenuhi persyaratan kemudahan Permen PUPR No. 14/2017 setidaknya pada pintu "
            "masuk, jalur ramp/lift, toilet disabilitas, jalur pemandu dan parkir khusus, berdasarkan audit "
            "aksesibilitas atau pemeriksaan SLF. Pembilang: jumlah bangunan publik yang aksesibel; "
            "penyebut: jumlah seluruh bangunan publik dalam inventaris (Dinas PUPR/Cipta Karya, BPKAD); "
            "kalikan 100. Ambang sementara 20/40/60/80 % (kuartil): UU No. 8/2016 tentang Penyandang "
            "Disabilitas menuntut semua bangunan publik aksesibel, jadi sasarannya 100 %.",
            "Public buildings: local-government offices serving residents, public schools, puskesmas, "
            "regional hospitals, markets, terminals, and sports and cultural buildings owned by the local "
            "government. A building counts as accessible when it meets the ease-of-access requirements of "
            "Public Works Minister Regulation 14/2017 at least for entrance, ramp/lift route, accessible "
            "toilet, guiding paths and reserved parking, based on an accessibility audit or the "
            "certificate-of-occupancy (SLF) inspection. Numerator: accessible public buildings; "
            "denominator: all public buildings in the inventory (Dinas PUPR/Cipta Karya, BPKAD); multiply "
            "by 100. Provisional thresholds 20/40/60/80 % (quartiles): Law 8/2016 on Persons with "
            "Disabilities requires all public buildings to be accessible, so the target is 100 %.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "POP",
        "code": "POP-2",
        "iso37122": "13.2",
        "title": (
            "Persentase anggaran daerah untuk penyediaan alat bantu mobilitas, perangkat dan teknologi asistif bagi penyandang disabilitas",
            "Percentage of municipal budget allocated for provision of mobility aids, devices and assistive technologies to citizens with special needs",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.01", "0.05", "0.1", "0.25"),
        "guidance": (
            "Hitung belanja APBD yang terealisasi untuk alat bantu yang diberikan kepada warga penyandang "
            "disabilitas: kursi roda, kruk, tongkat putih, alat bantu dengar, kaki/tangan palsu, "
            "perangkat lunak pembaca layar, dan sejenisnya, termasuk hibah/bantuan sosial barang. "
            "Pembilang: realisasi belanja tersebut (Dinas Sosial, SIPD, BPKAD); penyebut: total realisasi "
            "belanja APBD tahun yang sama; kalikan 100. Bangunan aksesibel dan gaji pegawai tidak "
            "dihitung. Ambang sementara 0,01/0,05/0,1/0,25 %: untuk APBD Rp 2 triliun berarti sekitar "
            "Rp 200 juta, Rp 1 miliar, Rp 2 miliar dan Rp 5 miliar per tahun; porsinya memang kecil, "
            "tetapi selisih antarwilayah menunjukkan kesungguhan pemenuhan hak penyandang disabilitas.",
            "Count realised regional budget (APBD) spending on aids given to residents with disabilities: "
            "wheelchairs, crutches, white canes, hearing aids, prosthetic limbs, screen-reader software and "
            "similar, including in-kind grants/social assistance. Numerator: that realised spending "
            "(Dinas Sosial, the SIPD regional government information system, BPKAD); denominator: total "
            "realised APBD spending of the same year; multiply by 100. Accessible buildings and staff "
            "salaries do not count. Provisional thresholds 0.01/0.05/0.1/0.25 %: for an APBD of IDR 2 "
            "trillion these are about IDR 200 million, 1 billion, 2 billion and 5 billion a year; the share "
            "is necessarily small, but the differences between regions show how seriously the rights of "
            "persons with disabilities are met.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "POP",
        "code": "POP-3",
        "iso37122": "13.3",
        "title": (
            "Persentase penyeberangan pejalan kaki bermarka yang dilengkapi sinyal penyeberangan aksesibel",
            "Percentage of marked pedestrian crossings equipped with accessible pedestrian signals",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "15", "30", "50"),
        "guidance": (
            "Sinyal penyeberangan aksesibel memberi isyarat yang dapat dipakai penyandang tunanetra atau "
            "tunarungu: bunyi, tombol bergetar/taktil, atau hitung mundur bersuara pada lampu "
            "penyeberangan (pelican crossing/APILL); ubin pemandu saja tidak cukup. Pembilang: jumlah "
            "penyeberangan bermarka (zebra cross) yang memiliki sinyal tersebut dan berfungsi; penyebut: "
            "jumlah seluruh penyeberangan bermarka di jalan kewenangan daerah (inventaris Dinas Perhubungan "
            "dan Dinas PUPR); kalikan 100. Ambang sementara 5/15/30/50 %: sinyal bersuara di Indonesia "
            "masih jarang di luar koridor utama kota besar, sehingga 5 % menghargai wilayah yang sudah "
            "memulai dan 50 % berarti hampir semua penyeberangan bersinyal telah dilengkapi.",
            "Accessible pedestrian signals give cues usable by blind or deaf pedestrians: sound, a "
            "vibrating/tactile push button, or a spoken countdown on the crossing light (pelican "
            "crossing/traffic signal); tactile paving alone is not enough. Numerator: marked crossings "
            "(zebra crossings) with such a working signal; denominator: all marked crossings on roads under "
            "the region's authority (inventory of Dinas Perhubungan and Dinas PUPR); multiply by 100. "
            "Provisional thresholds 5/15/30/50 %: audible signals are still rare in Indonesia outside the "
            "main corridors of large cities, so 5 % rewards regions that have started and 50 % means nearly "
            "every signalised crossing is equipped.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "POP",
        "code": "POP-4",
        "iso37122": "13.4",
        "title": (
            "Persentase anggaran daerah untuk program penanggulangan kesenjangan digital",
            "Percentage of municipal budget allocated for provision of programs designated for bridging the digital divide",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.05", "0.1", "0.25", "0.5"),
        "guidance": (
            "Hitung belanja APBD terealisasi untuk program yang menjangkau warga yang tertinggal secara "
            "digital: titik internet publik gratis di RT/RW, balai desa dan ruang publik, pelatihan "
            "literasi digital, perangkat untuk siswa miskin, konektivitas daerah blank spot, dan "
            "pendampingan digital bagi UMKM, lansia serta penyandang disabilitas. Belanja TI internal "
            "pemerintah (server, aplikasi perkantoran, langganan internet kantor) tidak dihitung. "
            "Pembilang: realisasi belanja tersebut (Diskominfo, SIPD, BPKAD); penyebut: total realisasi "
            "belanja APBD tahun yang sama; kalikan 100. Ambang sementara 0,05/0,1/0,25/0,5 %: seluruh "
            "anggaran Diskominfo biasanya hanya sekitar 0,5-1,5 % APBD, sehingga 0,5 % khusus untuk "
            "inklusi digital menandai komitmen yang kuat.",
            "Count realised APBD spending on programmes reaching residents left behind digitally: free "
            "public internet access points in neighbourhoods (RT/RW), village halls and public spaces, "
            "digital literacy training, devices for poor students, connectivity for blank-spot areas, and "
            "digital mentoring for micro and small businesses, older people and persons with disabilities. "
            "The government's internal IT spending (servers, office applications, office internet "
            "subscriptions) does not count. Numerator: that realised spending (Diskominfo, SIPD, BPKAD); "
            "denominator: total realised APBD spending of the same year; multiply by 100. Provisional "
            "thresholds 0.05/0.1/0.25/0.5 %: Diskominfo's whole budget is usually only about 0.5-1.5 % of "
            "the APBD, so 0.5 % dedicated to digital inclusion marks a strong commitment.",
        ),
        "evidence_required": False,
    },
    # ---------------------------------------------------------------- REC — Rekreasi
    {
        "theme": "REC",
        "code": "REC-1",
        "iso37122": "14.1",
        "title": (
            "Persentase layanan rekreasi publik yang dapat dipesan secara daring",
            "Percentage of public recreation services that can be booked online",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Layanan rekreasi publik adalah fasilitas dan kegiatan rekreasi milik atau dikelola pemerintah "
            "daerah yang perlu dipesan atau dibayar: kolam renang, gelanggang/GOR, lapangan olahraga, "
            "area perkemahan, taman dan ruang terbuka yang disewakan untuk acara, objek wisata milik daerah. "
            "Pembilang: jumlah layanan yang bisa dipesan (dan sebaiknya dibayar) lewat aplikasi atau situs "
            "web, bukan hanya lewat telepon/WhatsApp; penyebut: jumlah seluruh layanan rekreasi publik "
            "(Dinas Pemuda dan Olahraga, Dinas Pariwisata, Dinas Pertamanan/Lingkungan Hidup); kalikan 100. "
            "Ambang sementara 20/40/60/80 % (kuartil): belum ada target nasional, dan aplikasi "
            "pemesanan terpadu (seperti JAKI di Jakarta) menunjukkan bahwa cakupan penuh dapat dicapai.",
            "Public recreation services are recreation facilities and activities owned or run by the local "
            "government that must be booked or paid for: swimming pools, sports halls (GOR), sports "
            "grounds, camping areas, parks and open spaces rented for events, region-owned tourist sites. "
            "Numerator: services that can be booked (preferably also paid) through an app or website, not "
            "only by phone/WhatsApp; denominator: all public recreation services (the youth and sports "
            "office, Dinas Pariwisata, the parks/environment office); multiply by 100. Provisional "
            "thresholds 20/40/60/80 % (quartiles): there is no national target, and integrated booking "
            "apps (such as Jakarta's JAKI) show that full coverage is achievable.",
        ),
        "evidence_required": False,
    },
    # ---------------------------------------------------------------- SPC — Olahraga dan budaya
    {
        "theme": "SPC",
        "code": "SPC-1",
        "iso37122": "17.1",
        "title": (
            "Jumlah pemesanan daring fasilitas budaya per 100.000 penduduk",
            "Number of online bookings for cultural facilities per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("100", "500", "2000", "5000"),
        "guidance": (
            "Hitung pemesanan tiket atau reservasi yang dilakukan secara daring selama satu tahun "
            "kalender untuk fasilitas budaya di wilayah: museum, galeri, taman budaya, gedung kesenian/"
            "teater, situs cagar budaya dan perpustakaan (ruang/acara), baik oleh warga maupun wisatawan. "
            "Pembilang: jumlah pemesanan daring (sistem tiket Dinas Kebudayaan/Pariwisata, pengelola museum, "
            "platform tiket mitra); penyebut: jumlah penduduk tahun yang sama (BPS); bagi lalu kalikan "
            "100.000. Satu transaksi untuk beberapa orang dihitung satu pemesanan. Ambang sementara "
            "100/500/2.000/5.000: setara 1 pemesanan per 1.000, 200, 50 dan 20 penduduk per tahun; "
            "di banyak daerah tiket budaya masih dijual di loket, sehingga ambang bawah menghargai "
            "sistem yang sudah ada dan ambang atas menandai pemesanan daring sebagai kebiasaan.",
            "Count ticket purchases or reservations made online during one calendar year for cultural "
            "facilities in the region: museums, galleries, cultural parks (taman budaya), performing-arts "
            "buildings/theatres, heritage sites and library rooms/events, by residents and visitors alike. "
            "Numerator: online bookings (ticketing systems of the culture/tourism office, museum operators, "
            "partner ticket platforms); denominator: population of the same year (BPS); divide and multiply "
            "by 100 000. One transaction for several people counts as one booking. Provisional thresholds "
            "100/500/2,000/5,000: one booking per 1,000, 200, 50 and 20 residents a year; in many regions "
            "cultural tickets are still sold at the counter, so the lower thresholds reward an existing "
            "system and the top one marks online booking as a habit.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "SPC",
        "code": "SPC-2",
        "iso37122": "17.2",
        "title": (
            "Persentase catatan budaya kota yang telah didigitalkan",
            "Percentage of the city's cultural records that have been digitized",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Catatan budaya adalah item yang dikelola pemerintah daerah: koleksi museum daerah, arsip "
            "statis, naskah kuno/lontar, foto dan film dokumenter, register cagar budaya dan objek "
            "pemajuan kebudayaan (OPK), serta dokumentasi warisan budaya takbenda. Satu item dihitung "
            "terdigitalkan bila sudah dipindai/difoto/direkam dengan metadata dan tersimpan dalam "
            "sistem yang dapat ditelusuri. Pembilang: jumlah item terdigitalkan; penyebut: jumlah seluruh "
            "item dalam inventaris (Dinas Kebudayaan, Dinas Perpustakaan dan Kearsipan, museum daerah); "
            "kalikan 100, per akhir tahun referensi. Ambang sementara 20/40/60/80 % (kuartil): belum ada "
            "target nasional, dan sasaran jangka panjangnya digitalisasi seluruh koleksi.",
            "Cultural records are items the local government manages: regional museum collections, "
            "permanent archives, old manuscripts (including palm-leaf lontar), documentary photos and film, "
            "the registers of cultural heritage and of objects for the advancement of culture (OPK), and "
            "documentation of intangible heritage. An item counts as digitised when it has been scanned, "
            "photographed or recorded with metadata and stored in a searchable system. Numerator: digitised "
            "items; denominator: all items in the inventory (culture office, library and archives office, "
            "regional museum); multiply by 100, at the end of the reference year. Provisional thresholds "
            "20/40/60/80 % (quartiles): there is no national target, and the long-term goal is to digitise "
            "every collection.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "SPC",
        "code": "SPC-3",
        "iso37122": "17.3",
        "title": (
            "Jumlah judul buku dan buku elektronik perpustakaan umum per 100.000 penduduk",
            "Number of public library book and e-book titles per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("1000", "5000", "10000", "25000"),
        "guidance": (
            "Hitung judul (bukan eksemplar) buku cetak dan buku elektronik yang dimiliki atau dilanggan "
            "perpustakaan umum daerah, termasuk cabang, perpustakaan keliling dan aplikasi e-library "
            "daerah; judul yang sama dalam beberapa eksemplar dihitung satu. Pembilang: jumlah judul per "
            "akhir tahun referensi (Dinas Perpustakaan dan Kearsipan, sistem otomasi perpustakaan seperti "
            "INLISLite); penyebut: jumlah penduduk (BPS); bagi lalu kalikan 100.000. Koleksi iPusnas "
            "milik Perpustakaan Nasional tidak dihitung kecuali dilanggan oleh daerah. Ambang sementara "
            "1.000/5.000/10.000/25.000: perpustakaan kabupaten dengan sekitar 20.000 judul untuk 500.000 "
            "penduduk berada di 4.000, sehingga 10.000 ke atas menandai koleksi yang kaya.",
            "Count titles (not copies) of printed books and e-books owned or licensed by the regional "
            "public library, including branches, mobile libraries and the regional e-library app; a title "
            "held in several copies counts once. Numerator: titles at the end of the reference year (the "
            "library and archives office, library automation systems such as INLISLite); denominator: "
            "population (BPS); divide and multiply by 100 000. The National Library's iPusnas collection "
            "does not count unless the region licenses it. Provisional thresholds 1,000/5,000/10,000/25,000: "
            "a regency library with about 20,000 titles for 500,000 residents stands at 4,000, so 10,000 and "
            "above marks a rich collection.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "SPC",
        "code": "SPC-4",
        "iso37122": "17.4",
        "title": (
            "Persentase penduduk yang merupakan pengguna aktif perpustakaan umum",
            "Percentage of city population that are active public library users",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("2", "5", "10", "20"),
        "guidance": (
            "Pengguna aktif adalah anggota perpustakaan umum daerah (termasuk cabang, perpustakaan keliling "
            "dan e-library daerah) yang meminjam, membaca di tempat dengan tercatat, atau memakai layanan "
            "digital paling sedikit sekali dalam 12 bulan terakhir; hitung orang unik, bukan kunjungan. "
            "Pembilang: jumlah pengguna aktif (sistem keanggotaan Dinas Perpustakaan dan Kearsipan); "
            "penyebut: jumlah penduduk tahun yang sama (BPS); kalikan 100. Ambang sementara 2/5/10/20 %: "
            "di banyak daerah anggota aktif perpustakaan umum masih di bawah beberapa persen penduduk, "
            "sehingga 20 % menandai perpustakaan yang benar-benar menjadi ruang publik warga.",
            "Active users are members of the regional public library (including branches, mobile libraries "
            "and the regional e-library) who borrowed, read on site with a record, or used a digital "
            "service at least once in the last 12 months; count unique people, not visits. Numerator: "
            "active users (membership system of the library and archives office); denominator: population "
            "of the same year (BPS); multiply by 100. Provisional thresholds 2/5/10/20 %: in many regions "
            "active public-library members are still below a few percent of the population, so 20 % marks a "
            "library that has truly become a public space for residents.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "SPC",
        "code": "SPC-K1",
        "title": ("Pelestarian budaya lokal", "Preservation of local culture"),
        "kind": "rubric",
        "guidance": (
            "Menilai upaya pemerintah daerah melindungi, mengembangkan, memanfaatkan dan membina budaya "
            "lokal sesuai UU No. 5/2017 tentang Pemajuan Kebudayaan dan UU No. 11/2010 tentang Cagar "
            "Budaya. Data dukung: Pokok Pikiran Kebudayaan Daerah (PPKD), inventaris cagar budaya dan "
            "objek pemajuan kebudayaan, SK penetapan cagar budaya atas rekomendasi Tim Ahli Cagar Budaya "
            "(TACB), Perda/Perwali/Perbup tentang kebudayaan, tangkapan layar arsip digital budaya, "
            "kalender dan laporan acara budaya, anggaran pembinaan sanggar/komunitas, dokumen muatan lokal "
            "bahasa/seni daerah di sekolah, serta laporan evaluasi. Pilih level tertinggi yang seluruh "
            "syaratnya terpenuhi.",
            "Assesses how the local government protects, develops, uses and fosters local culture under "
            "Law 5/2017 on the Advancement of Culture and Law 11/2010 on Cultural Heritage. Evidence: the "
            "Regional Cultural Outline (PPKD), the inventory of cultural heritage and of objects for the "
            "advancement of culture, decrees designating heritage on the recommendation of the Cultural "
            "Heritage Expert Team (TACB), regional regulations (Perda/Perwali/Perbup) on culture, "
            "screenshots of the digital cultural archive, the calendar and reports of cultural events, "
            "budgets supporting arts groups (sanggar) and communities, school local-content curricula for "
            "the regional language and arts, and evaluation reports. Choose the highest level whose "
            "conditions are all met.",
        ),
        "evidence_required": True,
        "rubric": {
            1: (
                "Belum ada inventaris budaya lokal maupun regulasi; kegiatan budaya hanya insidental.",
                "There is neither an inventory of local culture nor any regulation; cultural activities are "
                "only incidental.",
            ),
            2: (
                "Ada daftar awal cagar budaya/objek budaya dan acara budaya tahunan, tetapi belum ada PPKD "
                "yang mutakhir, penetapan resmi, atau arsip digital.",
                "There is an initial list of heritage/cultural objects and an annual cultural event, but no "
                "up-to-date PPKD, formal designation or digital archive.",
            ),
            3: (
                "PPKD telah ditetapkan, inventaris mencakup objek utama dan sebagian cagar budaya ditetapkan "
                "dengan SK atas rekomendasi TACB; kalender acara budaya terjadwal dan arsip digital mulai "
                "dibangun.",
                "The PPKD has been adopted, the inventory covers the main objects and some heritage is "
                "designated by decree on TACB advice; a cultural events calendar is scheduled and a digital "
                "archive has been started.",
            ),
            4: (
                "Ada Perda atau Perkada tentang pelestarian budaya; arsip digital dapat diakses publik; "
                "program beranggaran mendukung sanggar, regenerasi maestro dan muatan lokal di sekolah, "
                "serta terpadu dengan pariwisata.",
                "A regional regulation on cultural preservation is in force; the digital archive is "
                "publicly accessible; budgeted programmes support arts groups, the passing on of masters' "
                "skills and local content in schools, and are integrated with tourism.",
            ),
            5: (
                "Pelestarian melembaga dan terukur: capaian dipantau dengan indikator (mis. Indeks "
                "Pembangunan Kebudayaan), arsip digital lengkap dan terbuka, komunitas ikut merencanakan, "
                "dan evaluasi tahunan dipakai untuk memperbaiki program.",
                "Preservation is institutionalised and measured: results are tracked with indicators (e.g. "
                "the Cultural Development Index), the digital archive is complete and open, communities "
                "help plan, and an annual evaluation is used to improve the programmes.",
            ),
        },
    },
    # ---------------------------------------------------------------- URP — Perencanaan kota
    {
        "theme": "URP",
        "code": "URP-1",
        "iso37122": "21.1",
        "title": (
            "Jumlah warga yang terlibat dalam proses perencanaan per 100.000 penduduk per tahun",
            "Annual number of citizens engaged in the planning process per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("250", "500", "1000", "2500"),
        "guidance": (
            "Hitung warga yang ikut serta dalam satu tahun kalender pada proses perencanaan pembangunan "
            "dan tata ruang: Musrenbang kelurahan/desa, kecamatan dan kota/kabupaten, konsultasi publik "
            "RTRW/RDTR, KLHS dan RPJMD, serta usulan melalui e-Musrenbang atau kanal partisipasi daring. "
            "Pembilang: jumlah peserta dari daftar hadir dan data pengusul daring (Bappeda, Dinas PUPR/Tata "
            "Ruang); hitung orang unik bila bisa, bila tidak jumlah kehadiran, dan sebutkan caranya. "
            "Penyebut: jumlah penduduk (BPS); bagi lalu kalikan 100.000. Ambang sementara "
            "250/500/1.000/2.500: setara 1 dari 400, 200, 100 dan 40 penduduk; Musrenbang kelurahan yang "
            "lengkap biasanya menghasilkan sekitar 1.000 per 100.000, dan angka di atasnya menuntut "
            "partisipasi daring dan konsultasi tata ruang yang luas.",
            "Count residents who took part during one calendar year in development and spatial planning: "
            "the Musrenbang planning forums at kelurahan/village, district and city/regency level, public "
            "consultations on the spatial plans (RTRW/RDTR), the strategic environmental assessment (KLHS) "
            "and the medium-term plan (RPJMD), and proposals via e-Musrenbang or online participation "
            "channels. Numerator: participants from attendance lists and online proposer data (Bappeda, "
            "the public works/spatial planning office); count unique people where possible, otherwise "
            "attendances, and say which. Denominator: population (BPS); divide and multiply by 100 000. "
            "Provisional thresholds 250/500/1,000/2,500: one in 400, 200, 100 and 40 residents; complete "
            "kelurahan Musrenbang forums typically yield about 1,000 per 100 000, and higher figures "
            "require online participation and wide spatial-planning consultation.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "URP",
        "code": "URP-2",
        "iso37122": "21.2",
        "title": (
            "Persentase permohonan izin bangunan yang diajukan melalui sistem elektronik",
            "Percentage of building permits submitted through an electronic submission system",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("50", "75", "90", "100"),
        "guidance": (
            "Hitung permohonan Persetujuan Bangunan Gedung (PBG) yang masuk dalam satu tahun kalender. "
            "Pembilang: permohonan yang diajukan lengkap melalui SIMBG (Sistem Informasi Manajemen "
            "Bangunan Gedung) atau sistem elektronik terintegrasi lain; penyebut: seluruh permohonan PBG, "
            "termasuk yang masih diterima di loket atau berkas kertas (data DPMPTSP dan Dinas PUPR/Tata "
            "Ruang); kalikan 100. Permohonan yang dibantu petugas loket tetapi diinput ke SIMBG dihitung "
            "elektronik. Ambang sementara 50/75/90/100 %: PP No. 16/2021 menetapkan PBG dimohonkan "
            "melalui SIMBG, sehingga sasarannya 100 % dan ambang dibuat tinggi; wilayah di bawah 50 % "
            "masih jauh dari ketentuan.",
            "Count applications for building approval (Persetujuan Bangunan Gedung, PBG) received in one "
            "calendar year. Numerator: applications submitted in full through SIMBG (the national Building "
            "Management Information System) or another integrated electronic system; denominator: all PBG "
            "applications, including those still received at the counter or on paper (DPMPTSP one-stop "
            "service and public works/spatial planning office data); multiply by 100. Applications helped "
            "by counter staff but entered into SIMBG count as electronic. Provisional thresholds "
            "50/75/90/100 %: Government Regulation 16/2021 requires PBG applications to go through SIMBG, "
            "so the target is 100 % and the thresholds are set high; a region below 50 % is far from "
            "compliance.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "URP",
        "code": "URP-3",
        "iso37122": "21.3",
        "title": (
            "Rata-rata waktu penerbitan persetujuan bangunan gedung",
            "Average time for building permit approval",
        ),
        "kind": "quantitative",
        "unit": "hari",
        "direction": "lower",
        "thresholds": ("7", "14", "30", "60"),
        "guidance": (
            "Untuk setiap PBG yang terbit dalam tahun referensi, hitung hari kalender sejak permohonan "
            "dinyatakan lengkap di SIMBG sampai PBG diterbitkan; waktu yang dipakai pemohon untuk "
            "memperbaiki dokumen dikurangkan bila tercatat. Nilai indikator: jumlah seluruh durasi dibagi "
            "jumlah PBG yang terbit (rata-rata), dari laporan SIMBG, DPMPTSP dan Dinas PUPR/Tata Ruang. "
            "Makin singkat makin baik. Ambang sementara 7/14/30/60 hari: paling lama 7 hari mendapat "
            "level 5, paling lama 14 hari level 4, paling lama 30 hari level 3 (kira-kira batas layanan "
            "yang lazim dalam standar pelayanan PBG), paling lama 60 hari level 2, dan lebih dari 60 hari "
            "level 1.",
            "For each PBG building approval issued in the reference year, count calendar days from the "
            "application being declared complete in SIMBG to the PBG being issued; time the applicant spent "
            "correcting documents is deducted where recorded. Indicator value: the sum of all durations "
            "divided by the number of PBGs issued (the mean), from SIMBG reports, the DPMPTSP one-stop "
            "service and the public works/spatial planning office. Shorter is better. Provisional thresholds "
            "7/14/30/60 days: at most 7 days earns level 5, at most 14 days level 4, at most 30 days level 3 "
            "(roughly the usual limit in PBG service standards), at most 60 days level 2, and more than 60 "
            "days level 1.",
        ),
        "evidence_required": False,
    },
    {
        "theme": "URP",
        "code": "URP-4",
        "iso37122": "21.4",
        "title": (
            "Persentase penduduk yang tinggal di kawasan berkepadatan penduduk menengah hingga tinggi",
            "Percentage of the city population living in medium-to-high population densities",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Sampai kementerian menetapkan definisinya, anggap kelurahan/desa berkepadatan menengah hingga "
            "tinggi bila penduduknya paling sedikit 1.500 jiwa per km², batas sel padat perkotaan dalam "
            "metode Degree of Urbanisation yang disahkan Komisi Statistik PBB. Pembilang: jumlah penduduk "
            "kelurahan/desa yang memenuhi batas itu; penyebut: jumlah penduduk wilayah; kalikan 100. "
            'Gunakan luas dan penduduk per kelurahan/desa dari publikasi BPS "Kecamatan Dalam Angka" atau '
            "Disdukcapil, untuk tahun referensi yang sama. Kota yang padat dan kompak memudahkan layanan "
            "dan angkutan umum, maka makin tinggi makin baik; ambang sementara 20/40/60/80 % (kuartil) "
            "dipakai karena belum ada acuan nasional.",
            "Until the ministry sets its own definition, treat a kelurahan/village as medium-to-high "
            "density when it has at least 1,500 inhabitants per km², the dense urban cell threshold of the "
            "Degree of Urbanisation method endorsed by the UN Statistical Commission. Numerator: the "
            "population of kelurahan/villages meeting that threshold; denominator: the region's "
            "population; multiply by 100. Use area and population per kelurahan/village from the BPS "
            '"Kecamatan Dalam Angka" publications or Disdukcapil, for the same reference year. Dense, '
            "compact cities make services and public transport easier, so higher is better; provisional "
            "thresholds 20/40/60/80 % (quartiles) are used because there is no national benchmark.",
        ),
        "evidence_required": False,
    },
]
