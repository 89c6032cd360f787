/* Praktijkbank: conveniences on top of pages that work without JavaScript.
 *
 * On the overview, the hidden filter form becomes live filters: AND across facets, OR within one facet,
 * a free-text filter on title, summary and place, and sorting. The state lives in the URL, so a filtered
 * view can be shared and bookmarked, and back/forward work (facetstaat.js reads and writes it, as on the search
 * page). Counts show how many practices each choice
 * would give together with the other filters. The number of results is announced to screen readers, and stays in
 * sight at the bottom of the screen while the filters are (the stylesheet's sticky .pb-aantal). When the text filter
 * finds few practices or none, a link offers the same words to the search page, which searches all text.
 *
 * data-pb-state on [data-pb-overzicht] says when a change has been shown: "bezig" while the filters are being reset
 * or the count after typing waits to be announced, "klaar" once the cards, the counts and the message all match.
 */
(function () {
  "use strict";

  function normalise(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function plural(count) {
    if (count === 0) return "Geen praktijkvoorbeelden gevonden";
    return count + (count === 1 ? " praktijkvoorbeeld" : " praktijkvoorbeelden") + " gevonden";
  }

  // The announced message names the words and the number of filters as well as the count, like the search page's:
  // each change says something new, so a screen reader reads it even when the count stays the same.
  function describe(count, state, chosen) {
    var what = state.q ? " voor \u2018" + state.q + "\u2019" : "";
    if (chosen) what += (state.q ? ", " : " ") + "met " + (chosen === 1 ? "1 filter" : chosen + " filters");
    return plural(count) + what + ".";
  }

  // Up to this many results, the text filter offers the search page, which searches every text of a practice.
  var FEW = 3;

  function setUpOverview(root) {
    var form = root.querySelector("form.pb-filters");
    var list = root.querySelector(".pb-kaarten");
    var status = root.querySelector("[data-pb-status]");
    var none = root.querySelector("[data-pb-geen]");
    var everywhere = root.querySelector("[data-pb-alletekst]");
    var everywhereLink = everywhere && everywhere.querySelector("a");
    var searchPage = everywhereLink && everywhereLink.getAttribute("href");
    if (!form || !list || !status) return;

    // The form's state and the address: facetstaat.js, shared with the search page.
    if (!window.praktijkbankFacetstaat) return;
    var facets = window.praktijkbankFacetstaat.create(form, { sort: { name: "sorteer", values: ["nieuw", "az"] } });
    var fieldsets = facets.fieldsets;
    var segments = facets.segments;
    var search = form.elements.q;

    var items = Array.prototype.map.call(list.children, function (card, position) {
      var values = {};
      segments.forEach(function (segment) {
        var raw = card.getAttribute("data-f-" + segment);
        values[segment] = raw ? raw.split(" ") : [];
      });
      var summary = card.querySelector(".pb-kaart__samenvatting");
      var place = card.querySelector(".pb-kenmerk--plaats dd");
      return {
        card: card,
        values: values,
        text: normalise([card.getAttribute("data-titel"), summary && summary.textContent, place && place.textContent].join(" ")),
        title: normalise(card.getAttribute("data-titel")),
        position: position
      };
    });

    var currentSort = "nieuw";
    var announceTimer = null;
    var resetting = false;

    function announce(message) {
      status.textContent = message;
      if (!resetting) root.setAttribute("data-pb-state", "klaar");
    }
    var PAGE = 60;          // cards shown at once; "show more" adds the next page
    var limit = PAGE;
    var lastMatches = [];
    var more = root.querySelector("[data-pb-meer]");

    function show(card, visible) {
      if (card.hidden === visible) card.hidden = !visible;   // touch only what changes: layout stays cheap
    }

    function render() {
      var shown = 0;
      var order = currentSort === "az" ? sortedAz : items;
      order.forEach(function (item) {
        var visible = item.matches && shown < limit;
        if (visible) shown += 1;
        show(item.card, visible);
      });
      var rest = lastMatches - shown;
      if (more) {
        more.hidden = rest <= 0;
        more.textContent = "Toon meer (nog " + rest + ")";
      }
    }

    var sortedAz = null;

    function apply(state, announceNow) {
      var words = normalise(state.q).split(/\s+/).filter(Boolean);
      var wanted = {};
      segments.forEach(function (segment) { wanted[segment] = state.selected[segment]; });

      function textMatches(item) {
        return words.every(function (word) { return item.text.indexOf(word) >= 0; });
      }
      function facetMatches(item, segment) {
        var chosen = wanted[segment];
        if (!chosen.length) return true;
        return item.values[segment].some(function (value) { return chosen.indexOf(value) >= 0; });
      }

      var textOk = items.map(textMatches);
      var facetOk = items.map(function (item) {
        var result = {};
        segments.forEach(function (segment) { result[segment] = facetMatches(item, segment); });
        return result;
      });

      var shown = 0;
      items.forEach(function (item, index) {
        item.matches = textOk[index] && segments.every(function (segment) { return facetOk[index][segment]; });
        if (item.matches) shown += 1;
      });
      lastMatches = shown;
      limit = PAGE;

      // Count per value: practices matching the text and every *other* facet, that have this value.
      fieldsets.forEach(function (fieldset) {
        var segment = fieldset.getAttribute("data-facet");
        var counts = {};
        items.forEach(function (item, index) {
          if (!textOk[index]) return;
          var others = segments.every(function (other) { return other === segment || facetOk[index][other]; });
          if (!others) return;
          item.values[segment].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        Array.prototype.forEach.call(fieldset.querySelectorAll(".pb-telling"), function (span) {
          var count = counts[span.getAttribute("data-waarde")] || 0;
          span.textContent = "(" + count + ")";
          span.parentNode.classList.toggle("pb-keuze--leeg", count === 0);
        });
      });

      if (state.sorteer !== currentSort) {
        if (state.sorteer === "az" && !sortedAz) {
          sortedAz = items.slice().sort(function (a, b) { return a.title.localeCompare(b.title, "nl") || a.position - b.position; });
        }
        var fragment = document.createDocumentFragment();
        (state.sorteer === "az" ? sortedAz : items).forEach(function (item) { fragment.appendChild(item.card); });
        list.appendChild(fragment);
        currentSort = state.sorteer;
      }
      render();

      if (none) none.hidden = shown !== 0;
      var chosen = showActive(state);
      showEverywhere(state, shown);
      window.clearTimeout(announceTimer);
      var message = describe(shown, state, chosen);
      if (announceNow) {
        announce(message);
      } else {
        root.setAttribute("data-pb-state", "bezig");
        announceTimer = window.setTimeout(function () { announce(message); }, 400);
      }
    }

    var panel = form.querySelector("[data-pb-paneel]");
    var active = form.querySelector("[data-pb-actief]");
    function showActive(state) {
      var chosen = facets.chosenCount(state);
      if (active) active.textContent = chosen ? "(" + chosen + " gekozen)" : "";
      if (panel && chosen) panel.open = true;
      return chosen;
    }
    function showEverywhere(state, shown) {
      if (!everywhere) return;
      everywhere.hidden = !(state.q && shown <= FEW);
      if (everywhere.hidden) return;
      everywhereLink.href = searchPage + "?q=" + encodeURIComponent(state.q);
      everywhereLink.textContent = "Zoek in alle tekst: \u2018" + state.q + "\u2019";
    }
    if (panel && window.matchMedia("(min-width: 60em)").matches) panel.open = true;

    form.hidden = false;
    var initial = facets.fromAddress();
    facets.writeForm(initial);
    apply(initial, true);

    form.addEventListener("change", function (event) {
      if (event.target === search) return;
      var state = facets.fromForm();
      window.history.pushState(null, "", facets.address(state));
      apply(state, true);
    });
    search.addEventListener("input", function () {
      var state = facets.fromForm();
      window.history.replaceState(null, "", facets.address(state));
      apply(state, false);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (more) {
      more.addEventListener("click", function () {
        var order = currentSort === "az" ? sortedAz : items;
        var firstNew = null, shown = 0;
        order.forEach(function (item) {
          if (!item.matches) return;
          shown += 1;
          if (shown === limit + 1) firstNew = item.card;
        });
        limit += PAGE;
        render();
        // Keyboard and screen-reader users continue at the first newly shown practice.
        var link = firstNew && firstNew.querySelector("a");
        if (link) link.focus();
      });
    }
    form.addEventListener("reset", function () {
      resetting = true;
      root.setAttribute("data-pb-state", "bezig");
      window.setTimeout(function () {
        resetting = false;
        var state = facets.fromForm();
        window.history.pushState(null, "", facets.address(state));
        apply(state, true);
      }, 0);
    });
    window.addEventListener("popstate", function () {
      var state = facets.fromAddress();
      facets.writeForm(state);
      apply(state, true);
    });
  }

  function setUpPrintButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pb-afdrukken]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pb-overzicht]"), setUpOverview);
    setUpPrintButtons();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
