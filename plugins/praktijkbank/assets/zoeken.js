/* Praktijkbank: the search page, answered by Pagefind's engine (pagefind.js) in the reader's browser.
 *
 * The form, the filters and the list of results are the page's own, so a first search fetches only the engine, the
 * page list and the index chunks of its words: Pagefind's ready-made interface would add its own script and load
 * every filter before the first result. The filters are fetched when a reader opens them or comes with a filter in
 * the address.
 *
 * The state lives in the address like the overview's (?q=wijk&regio=zeeland&type=leernetwerk), read and written by
 * the same code (facetstaat.js): OR within a filter, AND across filters. The header field on every page, a bookmark
 * and the back button all land on the same results.
 * Texts from the index are put on the page as text; only Pagefind's <mark> around the words found is kept.
 *
 * The page says when it has finished, for readers' tools and for the browser tests:
 * - data-pb-state on [data-pb-zoeken] is "bezig" from the moment a search starts (a choice, a submit, the first key
 *   typed, back/forward, "Meer resultaten", opening the filters) until its results, its message and its counts are
 *   all on the page; then "klaar", or "fout" when the index could not be loaded.
 * - data-pb-tellingen on the filters panel is absent until the panel is first opened; then "ja" once counts are
 *   shown, or "nee" when the filters' counts could not be loaded (the counts then stay empty, never "(0)").
 */
(function () {
  "use strict";

  var FIRST = 5;
  var MORE = 10;
  var TYPING_PAUSE = 250;

  // The page's own script runs in its content, before the theme's scripts at the end of the page: facetstaat.js, the
  // form's state in the address shared with the overview, is one of those, so the search page starts once it is parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();

  function setUp() {
    var root = document.querySelector("[data-pb-zoeken]");
    if (!root || !window.praktijkbankFacetstaat) return;
    var form = root.querySelector("[data-pb-zoekformulier]");
    var input = form && form.elements.q;
    var list = root.querySelector("[data-pb-zoekresultaten]");
    var status = root.querySelector("[data-pb-zoekstatus]");
    if (!form || !input || !list || !status) return;
    var clearButton = root.querySelector("[data-pb-wissen]");
    var moreButton = root.querySelector("[data-pb-zoekmeer]");
    var failure = root.querySelector("[data-pb-zoekfout]");
    var panel = root.querySelector("[data-pb-zoekfilters]");
    var activeLabel = root.querySelector("[data-pb-actief]");
    var clearFilters = root.querySelector("[data-pb-filters-wissen]");
    var noScript = root.querySelector("[data-pb-zonder-js]");

    var facets = window.praktijkbankFacetstaat.create(form, { onlyKnown: true, keepHash: true });
    var fieldsets = facets.fieldsets;
    var segments = facets.segments;
    var boxesOf = facets.boxesOf;
    var stateFromForm = facets.fromForm;
    var stateFromAddress = facets.fromAddress;
    var writeForm = facets.writeForm;
    var address = facets.address;
    var chosenCount = facets.chosenCount;
    var labels = {};
    fieldsets.forEach(function (fieldset) {
      var segment = fieldset.getAttribute("data-facet");
      labels[segment] = {};
      Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (box) {
        var label = box.parentNode.querySelector(".pb-keuze__label");
        labels[segment][box.value] = label ? label.textContent : box.value;
      });
    });

    function url(relative) {
      return new URL(relative, document.baseURI);
    }

    // -- the engine ------------------------------------------------------------------------------------------------

    var engine = null;
    function loadEngine() {
      if (!engine) {
        var siteRoot = url(root.getAttribute("data-basis")).pathname.replace(/[^/]*$/, "");
        engine = import(url(root.getAttribute("data-bundel") + "pagefind.js").href).then(function (pagefind) {
          return pagefind.options({ baseUrl: siteRoot, excerptLength: 24 })
            .then(function () { return pagefind.init(); })
            .then(function () { return pagefind; });
        });
      }
      return engine;
    }

    // Pagefind (1.5) does not fail when a filter chunk cannot be fetched: it logs the error and answers as if the site
    // had no filters, {} here and in every search's .filters. Counts made from that would all say "(0)", so totals that
    // lack a filter of this page count as not loaded. Pagefind keeps the failed chunk as loaded, so opening the panel
    // again gets the same answer until the page is reloaded; meanwhile no search asks for counts.
    var filterTotals = null;
    function loadFilters() {
      if (!filterTotals) {
        filterTotals = loadEngine().then(function (pagefind) { return pagefind.filters(); }).then(function (totals) {
          var missing = segments.filter(function (segment) { return !(totals && totals[segment]); });
          if (missing.length) throw new Error("Pagefind has no filter " + missing.join(", "));
          return totals;
        });
        filterTotals.catch(function () { filterTotals = null; });
      }
      return filterTotals;
    }

    // -- saying when the page has finished (data-pb-state) ---------------------------------------------------------

    var pending = 0;
    function begin() {
      pending += 1;
      root.setAttribute("data-pb-state", "bezig");
    }
    function end() {
      pending -= 1;
      if (!pending) root.setAttribute("data-pb-state", failure && !failure.hidden ? "fout" : "klaar");
    }
    function track(work) {
      begin();
      return work.then(end, function (error) { end(); throw error; });
    }

    function countsShown(shown) {
      if (panel) panel.setAttribute("data-pb-tellingen", shown ? "ja" : "nee");
    }

    // -- state: the form and the address (facetstaat.js) ------------------------------------------------------------

    // Pagefind's filters: any of the chosen values of one filter, and every filter that has a choice.
    function pagefindFilters(state, except) {
      var filters = {};
      segments.forEach(function (segment) {
        if (segment !== except && state.selected[segment].length) filters[segment] = { any: state.selected[segment] };
      });
      return filters;
    }

    // -- showing results -------------------------------------------------------------------------------------------

    // Pagefind's excerpt is HTML: its text, with <mark> around the words found. Only that is kept, as text and marks.
    function appendExcerpt(target, html) {
      var body = new DOMParser().parseFromString("<!doctype html><body>" + (html || ""), "text/html").body;
      Array.prototype.forEach.call(body.childNodes, function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          target.appendChild(mark);
        } else {
          target.appendChild(document.createTextNode(node.textContent));
        }
      });
    }

    function characteristics(filters) {
      var parts = [];
      segments.forEach(function (segment) {
        var values = (filters && filters[segment]) || [];
        var shown = values.map(function (value) { return labels[segment][value]; }).filter(Boolean);
        if (shown.length) parts.push(shown.join(", "));
      });
      return parts.join(" · ");
    }

    function resultItem(data) {
      var item = document.createElement("li");
      item.className = "pb-zoekresultaat";
      var heading = document.createElement("h2");
      heading.className = "pb-zoekresultaat__titel";
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      heading.appendChild(link);
      item.appendChild(heading);
      var about = characteristics(data.filters);
      if (about) {
        var line = document.createElement("p");
        line.className = "pb-zoekresultaat__kenmerken";
        line.textContent = about;
        item.appendChild(line);
      }
      var excerpt = document.createElement("p");
      excerpt.className = "pb-zoekresultaat__uittreksel";
      appendExcerpt(excerpt, data.excerpt);
      item.appendChild(excerpt);
      return item;
    }

    function describe(count, state) {
      var found = count === 0 ? "Geen resultaten" : count + (count === 1 ? " resultaat" : " resultaten");
      var filters = chosenCount(state);
      var what = state.q ? " voor \u2018" + state.q + "\u2019" : "";
      if (filters) what += (state.q ? ", " : " ") + "met " + (filters === 1 ? "1 filter" : filters + " filters");
      var hint = count === 0 ? (filters ? " Haal een filter weg of zoek op een ander woord." : " Zoek op een ander woord.") : "";
      return found + what + "." + hint;
    }

    var generation = 0;
    var current = null;
    var shown = 0;

    function showNext(amount, focusFirst) {
      var mine = generation;
      var batch = current.results.slice(shown, shown + amount);
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        if (mine !== generation) return;
        var fragment = document.createDocumentFragment();
        var items = pages.map(resultItem);
        items.forEach(function (item) { fragment.appendChild(item); });
        list.appendChild(fragment);
        shown += pages.length;
        list.hidden = shown === 0;
        if (moreButton) moreButton.hidden = shown >= current.results.length;
        // Keyboard and screen-reader users continue at the first result that was added.
        if (focusFirst && items.length) items[0].querySelector("a").focus();
      });
    }

    function showCounts(state, response, pagefind) {
      if (!filterTotals) return Promise.resolve();
      var mine = generation;
      // The filters are loaded first: a search that ran before they were has no counts in its answer (.filters is {}).
      return filterTotals.then(function (totals) {
        // A value's count is what choosing it would give together with the other filters, as on the overview.
        return Promise.all(segments.map(function (segment) {
          if (!state.selected[segment].length && response && response.filters && response.filters[segment]) return response.filters;
          var others = pagefindFilters(state, segment);
          if (!state.q && !Object.keys(others).length) return totals;
          return pagefind.search(state.q || null, { filters: others }).then(function (answer) { return answer.filters; });
        }));
      }).then(function (answers) {
        if (mine !== generation) return;
        segments.forEach(function (segment, index) {
          var counts = answers[index] && answers[index][segment];  // absent: not known, which is not zero
          boxesOf(segment).forEach(function (box) {
            var count = counts ? counts[box.value] || 0 : null;
            var span = box.parentNode.querySelector("[data-pb-telling]");
            if (span) span.textContent = count === null ? "" : "(" + count + ")";
            box.parentNode.classList.toggle("pb-keuze--leeg", count === 0);
          });
        });
        countsShown(true);
      }, function () {
        // Counts are an extra: without them the results shown still stand.
      });
    }

    function showFailure() {
      status.textContent = "";
      list.hidden = true;
      if (moreButton) moreButton.hidden = true;
      if (failure) failure.hidden = false;
    }

    function showChosen(state) {
      var chosen = chosenCount(state);
      if (activeLabel) activeLabel.textContent = chosen ? "(" + chosen + " gekozen)" : "";
      if (clearButton) clearButton.hidden = !state.q;
    }

    function search(state) {
      generation += 1;
      var mine = generation;
      showChosen(state);
      var filters = pagefindFilters(state);
      if (!state.q && !chosenCount(state)) {
        current = null;
        shown = 0;
        list.textContent = "";
        list.hidden = true;
        if (moreButton) moreButton.hidden = true;
        status.textContent = "";
        return track(loadEngine().then(function (pagefind) { return showCounts(state, null, pagefind); }).catch(showFailure));
      }
      return track(loadEngine().then(function (pagefind) {
        return pagefind.search(state.q || null, { filters: filters }).then(function (response) {
          if (mine !== generation) return null;
          current = response;
          shown = 0;
          list.textContent = "";
          return showNext(FIRST, false).then(function () {
            if (mine !== generation) return null;
            status.textContent = describe(response.results.length, state);
            return showCounts(state, response, pagefind);
          });
        });
      }).catch(showFailure));
    }

    // -- wiring ----------------------------------------------------------------------------------------------------

    if (noScript) noScript.hidden = true;
    var openedByAddress = false;
    if (panel) {
      panel.hidden = false;
      panel.addEventListener("toggle", function () {
        var first = openedByAddress;
        openedByAddress = false;
        if (panel.open && !filterTotals) {
          track(loadFilters().then(function () { return search(stateFromForm()); }, function () {
            countsShown(false);
            if (first) return search(stateFromForm());  // the results for the address, without counts
          }));
        } else if (first) {
          search(stateFromForm());
        }
        if (first) end();
      });
    }

    var initial = stateFromAddress();
    writeForm(initial);
    if (panel && chosenCount(initial)) {
      begin();  // ended by the toggle event, which loads the filters and searches
      openedByAddress = true;
      panel.open = true;
    } else {
      search(initial);
    }
    if (!initial.q) input.focus();

    // From the first key typed the page is busy: the search follows after a pause.
    var typing = null;
    function stopTyping() {
      if (typing === null) return;
      window.clearTimeout(typing);
      typing = null;
      end();
    }
    input.addEventListener("input", function () {
      if (typing === null) begin();
      else window.clearTimeout(typing);
      typing = window.setTimeout(function () {
        typing = null;
        var state = stateFromForm();
        window.history.replaceState(null, "", address(state));
        search(state);
        end();
      }, TYPING_PAUSE);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var state = stateFromForm();
      window.history.pushState(null, "", address(state));
      search(state);
      stopTyping();
    });
    form.addEventListener("change", function (event) {
      if (event.target === input) return;
      var state = stateFromForm();
      window.history.pushState(null, "", address(state));
      search(state);
    });
    if (clearButton) {
      clearButton.addEventListener("click", function () {
        input.value = "";
        var state = stateFromForm();
        window.history.pushState(null, "", address(state));
        search(state);
        input.focus();
      });
    }
    if (clearFilters) {
      clearFilters.addEventListener("click", function () {
        fieldsets.forEach(function (fieldset) {
          Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (box) { box.checked = false; });
        });
        var state = stateFromForm();
        window.history.pushState(null, "", address(state));
        search(state);
      });
    }
    if (moreButton) {
      moreButton.addEventListener("click", function () {
        if (current) track(showNext(MORE, true).catch(showFailure));
      });
    }
    window.addEventListener("popstate", function () {
      var state = stateFromAddress();
      writeForm(state);
      search(state);
    });
  }
})();
