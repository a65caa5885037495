# ruff: noqa: E501
"""E3 — digital government services: economy, finance, governance, telecommunication."""

INDICATORS: list[dict] = [
    {
        "theme": "ECO",
        "code": "ECO-1",
        "iso37122": "5.1",
        "title": (
            "Persentase kontrak layanan kota yang memuat kebijakan data terbuka",
            "Percentage of service contracts providing city services which contain an open data policy",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("10", "30", "50", "75"),
        "guidance": (
            "Hitung kontrak pengadaan layanan kota (pengelolaan sampah, air, transportasi, TI, dan sejenisnya) "
            "yang aktif pada tahun acuan. Pembilang: kontrak yang memuat klausul bahwa data yang dihasilkan "
            "layanan wajib dibuka atau diserahkan dalam format terbuka; penyebut: seluruh kontrak layanan kota; "
            "kalikan 100. Sumber: Bagian Pengadaan Barang/Jasa (UKPBJ), LPSE, dan Diskominfo. Ambang sementara "
            "10/30/50/75 %: klausul data terbuka masih jarang di daerah, sehingga 10 % menandai awal kebiasaan "
            "dan 75 % berarti klausul sudah menjadi standar kontrak.",
            "Count the city's service contracts (waste, water, transport, IT and the like) in force in the "
            "reference year. Numerator: contracts with a clause requiring the data the service produces to be "
            "opened or handed over in an open format; denominator: all service contracts; multiply by 100. "
            "Sources: the procurement unit (UKPBJ), LPSE and Diskominfo. Provisional thresholds 10/30/50/75 %: "
            "open-data clauses are still rare in regions, so 10 % marks a first habit and 75 % means the clause "
            "is standard in contracts.",
        ),
    },
    {
        "theme": "ECO",
        "code": "ECO-2",
        "iso37122": "5.2",
        "title": (
            "Tingkat kelangsungan usaha baru per 100.000 penduduk",
            "Survival rate of new businesses per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("50", "100", "200", "400"),
        "guidance": (
            "Hitung usaha baru yang terdaftar tiga tahun sebelum tahun acuan (misalnya NIB dari OSS) dan masih "
            "aktif pada tahun acuan. Pembilang: jumlah usaha baru yang bertahan; penyebut: jumlah penduduk; "
            "kalikan 100.000. Sumber: DPMPTSP (data OSS), Dinas Koperasi dan UKM, BPS. Ambang sementara "
            "50/100/200/400: tiap tingkat menggandakan tingkat sebelumnya karena sebaran antardaerah sangat "
            "lebar antara kabupaten perdesaan dan kota besar.",
            "Count businesses newly registered three years before the reference year (for example NIB numbers "
            "from OSS) that are still active in the reference year. Numerator: surviving new businesses; "
            "denominator: population; multiply by 100 000. Sources: the one-stop investment office (DPMPTSP, "
            "OSS data), the cooperatives and SME office, BPS. Provisional thresholds 50/100/200/400: each level "
            "doubles the previous one because regions range widely from rural kabupaten to large cities.",
        ),
    },
    {
        "theme": "ECO",
        "code": "ECO-3",
        "iso37122": "5.3",
        "title": (
            "Persentase angkatan kerja yang bekerja di sektor teknologi informasi dan komunikasi (TIK)",
            "Percentage of the labour force employed in occupations in the information and communications technology (ICT) sector",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.5", "1", "2", "4"),
        "guidance": (
            "Pembilang: penduduk bekerja pada lapangan usaha informasi dan komunikasi (KBLI kategori J) menurut "
            "Sakernas; penyebut: seluruh angkatan kerja; kalikan 100. Gunakan data Sakernas BPS tahun acuan "
            "(publikasi Keadaan Angkatan Kerja kabupaten/kota) atau data Disnaker. Ambang sementara "
            "0,5/1/2/4 %: porsi nasional sektor TIK sekitar 1 %, sehingga 1 % setara rata-rata nasional dan "
            "4 % menandai pusat ekonomi digital.",
            "Numerator: employed people in the information and communication industry (KBLI category J) per "
            "the labour force survey (Sakernas); denominator: the whole labour force; multiply by 100. Use BPS "
            "Sakernas figures for the reference year (the regency/city labour force publication) or the "
            "manpower office. Provisional thresholds 0.5/1/2/4 %: the national ICT share is about 1 %, so 1 % "
            "matches the national average and 4 % marks a digital-economy hub.",
        ),
    },
    {
        "theme": "ECO",
        "code": "ECO-4",
        "iso37122": "5.4",
        "title": (
            "Persentase angkatan kerja yang bekerja di sektor pendidikan serta penelitian dan pengembangan",
            "Percentage of the labour force employed in occupations in the education and research and development sectors",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("2", "4", "6", "8"),
        "guidance": (
            "Pembilang: penduduk bekerja di lapangan usaha jasa pendidikan (KBLI P) ditambah penelitian dan "
            "pengembangan ilmiah (KBLI 72); penyebut: seluruh angkatan kerja; kalikan 100. Sumber: Sakernas "
            "BPS, Dinas Pendidikan, BRIDA/Balitbangda. Ambang sementara 2/4/6/8 %: porsi nasional jasa "
            "pendidikan sekitar 4–5 %, maka 4 % mendekati rata-rata dan 8 % khas kota pendidikan.",
            "Numerator: people employed in education services (KBLI P) plus scientific research and "
            "development (KBLI 72); denominator: the whole labour force; multiply by 100. Sources: BPS "
            "Sakernas, the education office, the regional research agency (BRIDA/Balitbangda). Provisional "
            "thresholds 2/4/6/8 %: the national share of education is about 4–5 %, so 4 % is near average and "
            "8 % is typical of a university town.",
        ),
    },
    {
        "theme": "FIN",
        "code": "FIN-1",
        "iso37122": "9.1",
        "title": (
            "Pendapatan tahunan dari ekonomi berbagi sebagai persentase pendapatan asli daerah (PAD)",
            "Annual revenues collected from the sharing economy as a percentage of own-source revenue",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("0.1", "0.5", "1", "2"),
        "guidance": (
            "Pembilang: pajak dan retribusi daerah yang dipungut dari kegiatan ekonomi berbagi (misalnya pajak "
            "hotel/PBJT atas penginapan berbasis aplikasi, parkir dan transportasi daring) pada tahun acuan; "
            "penyebut: total PAD tahun yang sama; kalikan 100. Sumber: Bapenda/BPKD dan laporan realisasi APBD. "
            "Ambang sementara 0,1/0,5/1/2 %: pungutan dari platform masih kecil di sebagian besar daerah; 2 % "
            "menunjukkan daerah yang sudah memajaki ekonomi berbagi secara sistematis.",
            "Numerator: local taxes and levies collected from sharing-economy activity (for example hotel tax "
            "on app-based lodging, parking and ride-hailing) in the reference year; denominator: total own-"
            "source revenue (PAD) of the same year; multiply by 100. Sources: the revenue agency (Bapenda/BPKD) "
            "and the budget realisation report. Provisional thresholds 0.1/0.5/1/2 %: platform levies are still "
            "small in most regions; 2 % shows a region that taxes the sharing economy systematically.",
        ),
    },
    {
        "theme": "FIN",
        "code": "FIN-2",
        "iso37122": "9.2",
        "title": (
            "Persentase pembayaran kepada pemerintah daerah yang dilakukan secara elektronik berdasarkan tagihan elektronik",
            "Percentage of payments to the city that are paid electronically based on electronic invoices",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("25", "50", "70", "90"),
        "guidance": (
            "Pembilang: jumlah transaksi pembayaran pajak dan retribusi daerah yang ditagih dengan tagihan "
            "elektronik (e-billing, kode bayar, QRIS, virtual account) dan dibayar secara non-tunai; penyebut: "
            "seluruh transaksi pembayaran kepada pemerintah daerah; kalikan 100. Sumber: Bapenda, BPKD, Bank "
            "Pembangunan Daerah, laporan TP2DD (Tim Percepatan dan Perluasan Digitalisasi Daerah). Ambang "
            "sementara 25/50/70/90 %: mengikuti tahapan indeks ETPD, dengan 90 % sebagai daerah yang hampir "
            "sepenuhnya non-tunai.",
            "Numerator: local tax and levy payments billed with an electronic invoice (e-billing, payment code, "
            "QRIS, virtual account) and paid cashless; denominator: all payments to the local government; "
            "multiply by 100. Sources: the revenue agency, the finance agency, the regional development bank, "
            "reports of the regional digitalisation team (TP2DD). Provisional thresholds 25/50/70/90 %: they "
            "follow the stages of the ETPD index, 90 % being an almost fully cashless region.",
        ),
    },
    {
        "theme": "GOV",
        "code": "GOV-1",
        "iso37122": "10.1",
        "title": (
            "Jumlah kunjungan daring tahunan ke portal data terbuka daerah per 100.000 penduduk",
            "Annual number of online visits to the municipal open data portal per 100 000 population",
        ),
        "kind": "quantitative",
        "unit": "per 100000",
        "direction": "higher",
        "thresholds": ("500", "2000", "10000", "50000"),
        "guidance": (
            "Pembilang: jumlah kunjungan (sesi) ke portal data terbuka atau portal Satu Data daerah selama "
            "tahun acuan, dari statistik web server atau alat analitik; penyebut: jumlah penduduk; kalikan "
            "100.000. Jangan menghitung kunjungan dari jaringan internal pemda bila dapat dipisahkan. Sumber: "
            "Diskominfo (pengelola portal). Ambang sementara 500/2.000/10.000/50.000: skala logaritmik karena "
            "pemakaian portal sangat bervariasi; 50.000 berarti rata-rata setiap dua penduduk berkunjung sekali "
            "setahun.",
            "Numerator: visits (sessions) to the region's open data or Satu Data portal during the reference "
            "year, from web server statistics or analytics; denominator: population; multiply by 100 000. "
            "Leave out visits from the government's own network where they can be separated. Source: Diskominfo "
            "(the portal operator). Provisional thresholds 500/2 000/10 000/50 000: a logarithmic scale because "
            "portal use varies enormously; 50 000 means one visit a year for every two residents.",
        ),
    },
    {
        "theme": "GOV",
        "code": "GOV-2",
        "iso37122": "10.2",
        "title": (
            "Persentase layanan pemerintah daerah yang dapat diakses dan diajukan secara daring",
            "Percentage of city services accessible and that can be requested online",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("20", "40", "60", "80"),
        "guidance": (
            "Susun daftar layanan publik daerah (misalnya dari standar pelayanan seluruh perangkat daerah dan "
            "Mal Pelayanan Publik). Pembilang: layanan yang dapat diajukan dari awal sampai akhir secara daring "
            "(formulir, unggah berkas, status, hasil); penyebut: seluruh layanan dalam daftar; kalikan 100. "
            "Sumber: Bagian Organisasi, DPMPTSP, Diskominfo, evaluasi SPBE. Ambang sementara 20/40/60/80 %: "
            "kuartil sederhana, selaras dengan tingkat kematangan layanan SPBE.",
            "List the region's public services (for example from the service standards of every agency and the "
            "public service mall). Numerator: services that can be requested online end to end (form, upload, "
            "status, result); denominator: all listed services; multiply by 100. Sources: the organisation "
            "bureau, the one-stop office (DPMPTSP), Diskominfo, the SPBE evaluation. Provisional thresholds "
            "20/40/60/80 %: simple quartiles, in line with the SPBE service maturity levels.",
        ),
    },
    {
        "theme": "GOV",
        "code": "GOV-3",
        "iso37122": "10.3",
        "title": (
            "Rata-rata waktu tanggapan atas pertanyaan melalui sistem pengaduan/informasi non-darurat",
            "Average response time to inquiries made through the city's non-emergency inquiry system",
        ),
        "kind": "quantitative",
        "unit": "hari",
        "direction": "lower",
        "thresholds": ("1", "3", "5", "10"),
        "guidance": (
            "Untuk setiap pengaduan atau pertanyaan non-darurat pada tahun acuan (SP4N-LAPOR!, aplikasi "
            "pengaduan daerah, pusat panggilan), hitung hari kalender dari diterima sampai tanggapan pertama "
            "yang substantif. Nilai: jumlah seluruh hari dibagi jumlah pengaduan. Sumber: Diskominfo, admin "
            "SP4N-LAPOR! daerah, Ombudsman. Ambang sementara 1/3/5/10 hari (makin rendah makin baik): 5 hari "
            "kerja adalah batas tindak lanjut SP4N-LAPOR!; 1 hari menandai layanan responsif setingkat kota "
            "unggulan.",
            "For every non-emergency complaint or inquiry in the reference year (SP4N-LAPOR!, the region's "
            "complaint app, call centre), count calendar days from receipt to the first substantive reply. "
            "Value: total days divided by the number of inquiries. Sources: Diskominfo, the regional "
            "SP4N-LAPOR! administrator, the Ombudsman. Provisional thresholds 1/3/5/10 days (lower is better): "
            "five working days is SP4N-LAPOR!'s follow-up limit; one day marks a leading responsive city.",
        ),
    },
    {
        "theme": "GOV",
        "code": "GOV-4",
        "iso37122": "10.4",
        "title": (
            "Rata-rata waktu henti infrastruktur TI pemerintah daerah",
            "Average downtime of the city's IT infrastructure",
        ),
        "kind": "quantitative",
        "unit": "jam/tahun",
        "direction": "lower",
        "thresholds": ("4", "9", "44", "88"),
        "guidance": (
            "Jumlahkan jam tidak tersedianya layanan inti TI (pusat data, jaringan antarkantor, aplikasi "
            "layanan utama) di luar pemeliharaan terjadwal selama tahun acuan, dibagi jumlah layanan inti yang "
            "dipantau. Sumber: log pemantauan Diskominfo/pusat data daerah, laporan insiden. Ambang sementara "
            "4/9/44/88 jam per tahun (makin rendah makin baik): setara ketersediaan 99,95 %, 99,9 %, 99,5 % "
            "dan 99 %, tingkat yang lazim dalam perjanjian tingkat layanan.",
            "Add up the hours core IT services (data centre, inter-office network, main service applications) "
            "were unavailable outside scheduled maintenance in the reference year, divided by the number of "
            "core services monitored. Sources: monitoring logs of Diskominfo or the regional data centre, "
            "incident reports. Provisional thresholds 4/9/44/88 hours a year (lower is better): availability of "
            "99.95 %, 99.9 %, 99.5 % and 99 %, the usual service-level tiers.",
        ),
    },
    {
        "theme": "GOV",
        "code": "GOV-K1",
        "kind": "rubric",
        "evidence_required": True,
        "title": ("Rencana induk (masterplan) kota cerdas", "Smart city masterplan"),
        "guidance": (
            "Nilai keberadaan dan penggunaan rencana induk kota cerdas. Bukti: dokumen masterplan, peraturan "
            "kepala daerah yang menetapkannya, bukti keterkaitan dengan RPJMD, laporan pemantauan quick win.",
            "Assess whether a smart city masterplan exists and is used. Evidence: the masterplan, the head of "
            "region's regulation adopting it, proof of its link to the medium-term plan (RPJMD), quick-win "
            "monitoring reports.",
        ),
        "rubric": {
            1: (
                "Belum ada rencana induk; inisiatif kota cerdas berjalan sendiri-sendiri.",
                "No masterplan; smart city initiatives run separately.",
            ),
            2: (
                "Rencana induk sedang disusun atau sudah ada tetapi belum ditetapkan.",
                "A masterplan is being drafted, or exists but has not been adopted.",
            ),
            3: (
                "Rencana induk ditetapkan dengan peraturan kepala daerah dan memuat program serta quick win.",
                "The masterplan is adopted by regulation and lists programmes and quick wins.",
            ),
            4: (
                "Rencana induk terintegrasi dengan RPJMD dan APBD; capaiannya dipantau setiap tahun.",
                "The masterplan is built into the RPJMD and budget; its results are monitored yearly.",
            ),
            5: (
                "Rencana induk dievaluasi dan diperbarui berkala dengan pelibatan publik dan hasilnya dipublikasikan.",
                "The masterplan is evaluated and revised regularly with public involvement and its results published.",
            ),
        },
    },
    {
        "theme": "GOV",
        "code": "GOV-K2",
        "kind": "rubric",
        "evidence_required": True,
        "title": ("CSCO dan tim kota cerdas", "CSCO and smart city team"),
        "guidance": (
            "Nilai kelembagaan: penunjukan Chief Smart City Officer (CSCO), dewan dan tim pelaksana kota "
            "cerdas. Bukti: SK kepala daerah, struktur dan uraian tugas, notulen rapat, laporan kinerja tim.",
            "Assess the institutions: appointment of a Chief Smart City Officer (CSCO), a smart city council "
            "and an implementation team. Evidence: the head of region's decree, structure and job "
            "descriptions, meeting minutes, team performance reports.",
        ),
        "rubric": {
            1: ("Belum ada CSCO maupun tim kota cerdas.", "No CSCO and no smart city team."),
            2: (
                "CSCO atau tim ditunjuk secara informal tanpa SK dan tanpa tugas yang jelas.",
                "A CSCO or team is named informally, with no decree or clear duties.",
            ),
            3: (
                "CSCO, dewan dan tim pelaksana ditetapkan dengan SK dengan tugas dan anggaran.",
                "The CSCO, council and team are set up by decree with duties and a budget.",
            ),
            4: (
                "Tim bekerja lintas perangkat daerah dengan rapat rutin dan target kinerja yang dipantau.",
                "The team works across agencies with regular meetings and monitored targets.",
            ),
            5: (
                "Tim melibatkan akademisi, swasta dan masyarakat, dievaluasi tahunan dan berbagi praktik baik antardaerah.",
                "The team involves academia, business and citizens, is evaluated yearly and shares good practice with other regions.",
            ),
        },
    },
    {
        "theme": "GOV",
        "code": "GOV-K3",
        "kind": "rubric",
        "evidence_required": False,
        "title": ("Penanganan pengaduan masyarakat", "Citizen complaint handling"),
        "guidance": (
            "Nilai sistem pengaduan masyarakat, termasuk integrasi dengan SP4N-LAPOR!. Bukti: SK pengelola "
            "pengaduan, tangkapan layar kanal, rekap pengaduan dan tindak lanjut, survei kepuasan.",
            "Assess the citizen complaint system, including integration with the national SP4N-LAPOR! "
            "platform. Evidence: the decree naming complaint handlers, screenshots of channels, complaint and "
            "follow-up statistics, satisfaction surveys.",
        ),
        "rubric": {
            1: (
                "Pengaduan diterima secara manual tanpa pencatatan terpusat.",
                "Complaints are received by hand with no central record.",
            ),
            2: (
                "Ada kanal daring, tetapi tidak terhubung SP4N-LAPOR! dan tindak lanjut tidak dipantau.",
                "An online channel exists but is not linked to SP4N-LAPOR! and follow-up is not tracked.",
            ),
            3: (
                "Pengaduan terhubung SP4N-LAPOR!, setiap laporan punya nomor, status dan batas waktu tindak lanjut.",
                "Complaints are linked to SP4N-LAPOR!; every report has a number, a status and a follow-up deadline.",
            ),
            4: (
                "Semua perangkat daerah menindaklanjuti dalam batas waktu; kinerja dipublikasikan di dasbor.",
                "Every agency follows up within the deadline; performance is published on a dashboard.",
            ),
            5: (
                "Data pengaduan dianalisis untuk memperbaiki layanan dan kepuasan pelapor diukur dan meningkat.",
                "Complaint data is analysed to improve services, and complainants' satisfaction is measured and rising.",
            ),
        },
    },
    {
        "theme": "GOV",
        "code": "GOV-K4",
        "kind": "rubric",
        "evidence_required": False,
        "title": ("Portal data terbuka", "Open data portal"),
        "guidance": (
            "Nilai portal data terbuka daerah dalam kerangka Satu Data Indonesia. Bukti: alamat portal, "
            "jumlah dataset dan tanggal pembaruan, SK forum Satu Data daerah, metadata.",
            "Assess the region's open data portal within the Satu Data Indonesia (One Data) framework. "
            "Evidence: the portal address, the number of datasets and their update dates, the decree setting "
            "up the regional One Data forum, metadata.",
        ),
        "rubric": {
            1: ("Belum ada portal data terbuka.", "No open data portal."),
            2: (
                "Portal ada dengan sedikit dataset, jarang diperbarui, sebagian hanya PDF.",
                "A portal exists with few datasets, rarely updated, some only as PDF.",
            ),
            3: (
                "Dataset prioritas tersedia dalam format terbuka (CSV/JSON) dengan metadata dan walidata.",
                "Priority datasets are published in open formats (CSV/JSON) with metadata and data stewards.",
            ),
            4: (
                "Portal terhubung Satu Data Indonesia, diperbarui terjadwal dan menyediakan API.",
                "The portal feeds Satu Data Indonesia, is updated on schedule and offers an API.",
            ),
            5: (
                "Data dipakai publik dan pemda untuk kebijakan; permintaan data ditanggapi dan pemakaian diukur.",
                "Data is used by the public and the government for policy; data requests are answered and use is measured.",
            ),
        },
    },
    {
        "theme": "GOV",
        "code": "GOV-K5",
        "kind": "rubric",
        "evidence_required": False,
        "title": ("Tata kelola data dan interoperabilitas", "Data governance and interoperability"),
        "guidance": (
            "Nilai tata kelola data dan interoperabilitas sistem sesuai arsitektur SPBE. Bukti: peraturan "
            "tata kelola data, katalog data, dokumen arsitektur SPBE daerah, daftar integrasi antarsistem.",
            "Assess data governance and the interoperability of systems under the SPBE architecture. "
            "Evidence: data governance regulation, data catalogue, the regional SPBE architecture, a list of "
            "system integrations.",
        ),
        "rubric": {
            1: (
                "Data tersebar di tiap perangkat daerah tanpa standar dan tanpa pertukaran.",
                "Data sits in each agency with no standards and no exchange.",
            ),
            2: (
                "Ada inventaris data dan aplikasi, tetapi integrasi masih dengan salin-tempel atau berkas.",
                "Data and applications are inventoried, but integration is by copying files.",
            ),
            3: (
                "Standar data, walidata dan arsitektur SPBE ditetapkan; sebagian sistem bertukar data via API.",
                "Data standards, stewards and an SPBE architecture are adopted; some systems exchange data through APIs.",
            ),
            4: (
                "Sistem inti terintegrasi melalui layanan berbagi pakai, termasuk dengan NIK Dukcapil.",
                "Core systems are integrated through shared services, including the civil registry ID (NIK).",
            ),
            5: (
                "Interoperabilitas penuh lintas daerah dan pusat, kualitas data diaudit dan dilaporkan rutin.",
                "Full interoperability with other regions and the centre; data quality is audited and reported regularly.",
            ),
        },
    },
    {
        "theme": "TEL",
        "code": "TEL-1",
        "iso37122": "18.1",
        "title": (
            "Persentase penduduk dengan akses pita lebar yang memadai",
            "Percentage of the city population with access to sufficiently fast broadband",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("50", "70", "85", "95"),
        "guidance": (
            "Pembilang: penduduk yang tinggal di wilayah terlayani internet pita lebar tetap atau seluler "
            "dengan kecepatan minimal 256 kbit/s dua arah (dalam praktik 4G); penyebut: seluruh penduduk; "
            "kalikan 100. Sumber: data cakupan operator dan BAKTI Kominfo, Susenas BPS (akses internet rumah "
            "tangga), Diskominfo. Ambang sementara 50/70/85/95 %: mengikuti target pemerataan akses digital "
            "nasional, 95 % berarti hampir semua penduduk terjangkau.",
            "Numerator: residents living where fixed or mobile broadband of at least 256 kbit/s both ways is "
            "available (in practice 4G); denominator: all residents; multiply by 100. Sources: operators' "
            "coverage data and BAKTI (ministry of communication), BPS Susenas household internet access, "
            "Diskominfo. Provisional thresholds 50/70/85/95 %: they follow the national digital access targets; "
            "95 % means nearly everyone is reached.",
        ),
    },
    {
        "theme": "TEL",
        "code": "TEL-2",
        "iso37122": "18.2",
        "title": (
            "Persentase wilayah kota yang termasuk zona putih/titik buta tanpa konektivitas telekomunikasi",
            "Percentage of the city area under a white zone/dead spot/not covered by telecommunication connectivity",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "lower",
        "thresholds": ("1", "5", "15", "30"),
        "guidance": (
            "Pembilang: luas wilayah (km²) tanpa sinyal seluler atau internet yang dapat dipakai; penyebut: "
            "luas wilayah administrasi; kalikan 100. Gunakan peta cakupan operator, data desa blank spot BAKTI "
            "atau Podes BPS (desa tanpa sinyal). Ambang sementara 1/5/15/30 % (makin rendah makin baik): "
            "kota umumnya di bawah 5 %, sedangkan kabupaten dengan hutan atau pegunungan dapat melebihi 30 %.",
            "Numerator: area (km²) with no usable mobile or internet signal; denominator: the administrative "
            "area; multiply by 100. Use operators' coverage maps, BAKTI's blank-spot village data or the BPS "
            "village census (Podes: villages with no signal). Provisional thresholds 1/5/15/30 % (lower is "
            "better): cities are usually under 5 %, while kabupaten with forest or mountains can exceed 30 %.",
        ),
    },
    {
        "theme": "TEL",
        "code": "TEL-3",
        "iso37122": "18.3",
        "title": (
            "Persentase wilayah kota yang terlayani konektivitas internet yang disediakan pemerintah daerah",
            "Percentage of the city area covered by municipally provided Internet connectivity",
        ),
        "kind": "quantitative",
        "unit": "%",
        "direction": "higher",
        "thresholds": ("5", "15", "30", "50"),
        "guidance": (
            "Pembilang: luas wilayah dalam jangkauan titik akses internet yang disediakan pemda (Wi-Fi publik, "
            "internet desa/kelurahan, ruang publik terkoneksi), dihitung dari radius jangkauan titik akses; "
            "penyebut: luas wilayah; kalikan 100. Sumber: Diskominfo (daftar titik akses dan koordinatnya). "
            "Ambang sementara 5/15/30/50 %: Wi-Fi publik biasanya hanya menjangkau pusat kegiatan; separuh "
            "wilayah sudah merupakan capaian tinggi.",
            "Numerator: area within reach of internet access points the local government provides (public "
            "Wi-Fi, village internet, connected public spaces), computed from each access point's coverage "
            "radius; denominator: total area; multiply by 100. Source: Diskominfo (list of access points with "
            "coordinates). Provisional thresholds 5/15/30/50 %: public Wi-Fi usually reaches only activity "
            "centres; half of the area is already a high achievement.",
        ),
    },
    {
        "theme": "TEL",
        "code": "TEL-K1",
        "kind": "rubric",
        "evidence_required": False,
        "title": (
            "Aplikasi layanan publik terintegrasi (super-app)",
            "Integrated public-service app (super-app)",
        ),
        "guidance": (
            "Nilai sejauh mana layanan daerah dapat diakses melalui satu aplikasi atau pintu terintegrasi, "
            "seperti JAKI di Jakarta. Bukti: tautan unduh, daftar layanan di dalamnya, statistik pengguna, "
            "tangkapan layar, SK pengelola.",
            "Assess how far the region's services can be reached through one integrated app or front door, "
            "like Jakarta's JAKI. Evidence: download links, the list of services inside, user statistics, "
            "screenshots, the decree naming its operator.",
        ),
        "rubric": {
            1: (
                "Tiap perangkat daerah punya aplikasi sendiri, tanpa pintu masuk bersama.",
                "Each agency has its own app with no shared entry point.",
            ),
            2: (
                "Ada portal atau aplikasi yang menautkan layanan lain, tanpa akun tunggal.",
                "A portal or app links to other services, without a single account.",
            ),
            3: (
                "Satu aplikasi dengan akun tunggal memuat layanan utama (pengaduan, perizinan, informasi).",
                "One app with a single account holds the main services (complaints, permits, information).",
            ),
            4: (
                "Aplikasi terintegrasi dengan data kependudukan dan pembayaran, dipakai luas oleh warga.",
                "The app is integrated with population data and payments and widely used by residents.",
            ),
            5: (
                "Aplikasi menjadi kanal utama layanan, dikembangkan berdasarkan data pemakaian dan umpan balik warga.",
                "The app is the main service channel, developed from usage data and residents' feedback.",
            ),
        },
    },
    {
        "theme": "TEL",
        "code": "TEL-K2",
        "kind": "rubric",
        "evidence_required": True,
        "title": ("Keamanan siber", "Cyber security"),
        "guidance": (
            "Nilai pengelolaan keamanan siber pemda sesuai pedoman BSSN. Bukti: SK tim tanggap insiden "
            "(CSIRT), kebijakan keamanan informasi, hasil penilaian indeks KAMI, laporan uji penetrasi, "
            "catatan penanganan insiden.",
            "Assess the local government's cyber security management under the national cyber agency (BSSN) "
            "guidelines. Evidence: the decree setting up an incident response team (CSIRT), the information "
            "security policy, the KAMI index assessment, penetration test reports, incident records.",
        ),
        "rubric": {
            1: (
                "Belum ada kebijakan maupun petugas keamanan informasi.",
                "No information security policy and no one responsible.",
            ),
            2: (
                "Ada petugas dan langkah dasar (antivirus, cadangan data) tanpa kebijakan tertulis.",
                "Someone is responsible and basic measures exist (antivirus, backups) with no written policy.",
            ),
            3: (
                "Kebijakan keamanan informasi dan CSIRT daerah ditetapkan dan terdaftar di BSSN.",
                "An information security policy and a regional CSIRT are adopted and registered with BSSN.",
            ),
            4: (
                "Penilaian indeks KAMI dan uji penetrasi rutin; insiden ditangani dan dilaporkan.",
                "KAMI index assessments and penetration tests are regular; incidents are handled and reported.",
            ),
            5: (
                "Sistem manajemen keamanan informasi tersertifikasi (misalnya SNI ISO/IEC 27001) dan terus diperbaiki.",
                "A certified information security management system (e.g. SNI ISO/IEC 27001) that keeps improving.",
            ),
        },
    },
]
