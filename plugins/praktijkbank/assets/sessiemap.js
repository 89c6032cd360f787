/* Praktijkbank: the session pack (werkbladen/sessiemap/). A facilitator ticks worksheets; this script
   fetches them (same site, no request elsewhere), puts their sheets one after another in a print view of
   their own (an invisible frame with the worksheet stylesheet, so the theme's styles stay out) and opens
   the print dialog. Without this script the page is a plain list of links to every worksheet and PDF. */
(function () {
  "use strict";

  var form = document.querySelector("[data-pb-sessiemap]");
  if (!form || !window.fetch || !window.DOMParser || !window.Promise) {
    return;
  }
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="blad"]'));
  var buttons = form.querySelector("[data-pb-knoppen]");
  var button = form.querySelector("[data-pb-print]");
  var status = form.querySelector("[data-pb-status]");
  var busy = false;

  boxes.forEach(function (box) { box.hidden = false; });
  buttons.hidden = false;

  function say(text) {
    status.textContent = text;
  }

  function chosen() {
    return boxes.filter(function (box) { return box.checked; });
  }

  function sheets(count) {
    return count === 1 ? "1 werkblad" : count + " werkbladen";
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  /* The sheets of one worksheet page, with links made absolute so they still work in the print view. */
  function load(box) {
    var url = new URL(box.value, document.baseURI).href;
    var title = box.getAttribute("data-titel");
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(title);
      }
      return response.text();
    }).then(function (text) {
      var page = new DOMParser().parseFromString(text, "text/html");
      var found = Array.prototype.slice.call(page.querySelectorAll(".wb-blad"));
      if (!found.length) {
        throw new Error(title);
      }
      return found.map(function (sheet) {
        Array.prototype.forEach.call(sheet.querySelectorAll("a[href]"), function (link) {
          link.setAttribute("href", new URL(link.getAttribute("href"), url).href);
        });
        return sheet.outerHTML;
      });
    }).catch(function () {
      throw new Error(title);  // a network error says nothing to a facilitator; the worksheet's name does
    });
  }

  function printView(parts, count) {
    var old = document.querySelector("iframe.pb-printmap");
    if (old) {
      old.parentNode.removeChild(old);
    }
    var frame = document.createElement("iframe");
    frame.className = "pb-printmap";
    frame.title = "Sessiemap om te printen";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0;";
    var css = new URL(form.getAttribute("data-werkblad-css"), document.baseURI).href;
    var title = "Sessiemap · " + document.title.split(" - ").pop();
    frame.srcdoc = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>' + escapeHtml(title) +
      '</title><link rel="stylesheet" href="' + escapeHtml(css) + '"></head><body><main>' +
      parts.join("\n") + "</main></body></html>";
    frame.addEventListener("load", function () {
      busy = false;
      button.removeAttribute("aria-disabled");
      say("Het printvenster is geopend met " + sheets(count) + ". Kies ‘Opslaan als PDF’ om de map als bestand te bewaren.");
      frame.contentWindow.focus();
      frame.contentWindow.print();
      button.focus();
    });
    document.body.appendChild(frame);
  }

  form.addEventListener("change", function () {
    var count = chosen().length;
    say(count ? sheets(count) + " gekozen." : "Nog geen werkblad gekozen.");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });

  button.addEventListener("click", function () {
    if (busy) {
      return;
    }
    var picked = chosen();
    if (!picked.length) {
      say("Kies eerst ten minste één werkblad.");
      return;
    }
    busy = true;
    button.setAttribute("aria-disabled", "true");
    say("De sessiemap wordt klaargezet: " + sheets(picked.length) + "…");
    Promise.all(picked.map(load)).then(function (lists) {
      var parts = [].concat.apply([], lists);
      printView(parts, parts.length);
    }).catch(function (error) {
      busy = false;
      button.removeAttribute("aria-disabled");
      say("Het werkblad ‘" + error.message + "’ kon niet worden geladen. Open het los via de link ernaast.");
    });
  });
}());
