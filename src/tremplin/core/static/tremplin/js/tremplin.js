// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Live countdown to a deadline: <time data-countdown datetime="ISO">static text</time>.
  function formatRemaining(ms, el) {
    if (ms <= 0) return el.dataset.closedText || el.textContent;
    var minutes = Math.floor(ms / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var mins = minutes % 60;
    var template = el.dataset.template || "{d} d {h} h {m} min";
    return template.replace("{d}", days).replace("{h}", hours).replace("{m}", mins);
  }

  function startCountdowns() {
    var els = document.querySelectorAll("time[data-countdown]");
    if (!els.length) return;
    function tick() {
      els.forEach(function (el) {
        var target = Date.parse(el.getAttribute("datetime"));
        if (!isNaN(target)) el.textContent = formatRemaining(target - Date.now(), el);
      });
    }
    tick();
    setInterval(tick, 30000);
  }

  // Ask before a destructive action: <button data-confirm="Are you sure?">.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.dataset.confirm)) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", startCountdowns);
})();

// Live character counter under a textarea with data-counter="LIMIT".
(function () {
  "use strict";
  function attach(area) {
    var limit = parseInt(area.dataset.counter, 10);
    if (!limit || area.dataset.counterReady) return;
    area.dataset.counterReady = "1";
    var counter = document.createElement("p");
    counter.className = "counter";
    counter.id = area.id + "_counter";
    counter.setAttribute("aria-live", "polite");
    var template = document.documentElement.dataset.counterTemplate || "{n} / {max}";
    function update() {
      var n = area.value.length;
      counter.textContent = template.replace("{n}", n).replace("{max}", limit);
      counter.classList.toggle("counter--over", n > limit);
    }
    area.insertAdjacentElement("afterend", counter);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    area.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-counter]").forEach(attach);
  });

  // A button with data-once is disabled after the first click: one submission per click.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.hasAttribute("data-once")) {
      if (button.dataset.sent) { event.preventDefault(); return; }
      button.dataset.sent = "1";
      button.setAttribute("aria-disabled", "true");
    }
  });

  // Autosave indicator: "Saving…" while htmx sends the form.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var status = document.getElementById("autosave-status");
    if (status && event.target.classList.contains("application-form")) {
      status.textContent = document.documentElement.dataset.savingText || "…";
    }
  });
  document.addEventListener("htmx:responseError", function () {
    var status = document.getElementById("autosave-status");
    if (status) status.textContent = document.documentElement.dataset.saveFailedText || "!";
  });
})();
