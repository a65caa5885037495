/* Maturasi pages: small progressive enhancements on top of server-rendered HTML and htmx.
   Every page works without this file; it adds autosave feedback, upload progress, report
   progress polling and a copy button. No inline scripts anywhere (CSP script-src 'self'). */
(function () {
  "use strict";

  function text(name, fallback) {
    var value = document.body && document.body.dataset[name];
    return value || fallback;
  }

  function setSaveState(form, state, message) {
    var box = form && form.querySelector("[data-savestate]");
    if (!box) { return; }
    box.className = "savestate savestate--" + state;
    box.textContent = message;
  }

  // --- Autosave feedback ------------------------------------------------------------------
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form[data-autosave]")) {
      setSaveState(form, "saving", text("msgSaving", "Menyimpan…"));
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    setSaveState(form, "error", text("msgOffline", "Tidak tersimpan: periksa koneksi, lalu ubah lagi."));
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    setSaveState(form, "error", text("msgFailed", "Tidak tersimpan: terjadi kesalahan."));
  });

  // --- Evidence upload: progress bar while the file travels --------------------------------
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.detail.elt;
    var bar = form && form.querySelector && form.querySelector("progress[data-upload-progress]");
    if (!bar || !event.detail.lengthComputable) { return; }
    bar.max = event.detail.total;
    bar.value = event.detail.loaded;
  });

  // --- Copy a value to the clipboard ---------------------------------------------------------
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var original = button.textContent;
      button.textContent = text("msgCopied", "Tersalin");
      window.setTimeout(function () { button.textContent = original; }, 1500);
    });
  });

  // --- Confirm before destructive or final actions (forms without htmx) ---------------------
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  // --- Report jobs: poll the report status JSON until the PDF is ready -----------------------
  function pollReport(box) {
    if (box.dataset.polling === "1") { return; }
    box.dataset.polling = "1";
    var url = box.getAttribute("data-report-status");
    var bar = box.querySelector(".bar__fill");
    var label = box.querySelector("[data-report-label]");
    var link = box.querySelector("[data-report-download]");
    var delay = 1000;
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (job) {
          var progress = Math.max(0, Math.min(100, job.progress || 0));
          if (bar) { bar.style.width = progress + "%"; }
          box.setAttribute("data-status", job.status);
          if (job.status === "done") {
            if (bar) { bar.classList.add("bar__fill--done"); bar.style.width = "100%"; }
            if (label) { label.textContent = text("msgReportReady", "Laporan siap."); }
            if (link) { link.href = job.download_url; link.hidden = false; }
            return;
          }
          if (job.status === "failed") {
            if (label) { label.textContent = text("msgReportFailed", "Laporan gagal dibuat:") + " " + (job.error || ""); }
            box.classList.add("alert", "alert--error");
            return;
          }
          if (label) { label.textContent = text("msgReportRunning", "Sedang dibuat…") + " " + progress + "%"; }
          delay = Math.min(delay * 1.3, 4000);
          window.setTimeout(tick, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 8000);
          window.setTimeout(tick, delay);
        });
    }
    tick();
  }

  function startPolling(root) {
    (root || document).querySelectorAll("[data-report-status]").forEach(pollReport);
  }

  document.addEventListener("DOMContentLoaded", function () { startPolling(document); });
  document.addEventListener("htmx:load", function (event) { startPolling(event.detail.elt.parentNode || document); });

  // --- Typing a value means "answered": tick it when no status is chosen yet -----------------
  document.addEventListener("input", function (event) {
    var input = event.target;
    var form = input.closest && input.closest("form[data-autosave]");
    if (!form || input.name !== "value") { return; }
    if (!form.querySelector('input[name="status"]:checked')) {
      var answered = form.querySelector('input[name="status"][value="answered"]');
      if (answered) { answered.checked = true; }
    }
  });

  // --- Filters: submit a filter form as soon as a select changes -----------------------------
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("form[data-autosubmit] select")) {
      select.form.requestSubmit();
    }
  });
})();
