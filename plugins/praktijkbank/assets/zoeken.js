/* Praktijkbank: the search page. Pagefind's interface takes over from the plain form when its script has loaded.
 *
 * The query lives in the address (?q=...), so the header field on every page, a bookmark and the back button all
 * land on the same results. Paths are made absolute from the page's own location, so a site in a sub-folder works.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-pb-zoeken]");
  if (!root) return;
  var noScript = root.querySelector("[data-pb-zonder-js]");
  if (typeof window.PagefindUI !== "function") {
    if (noScript) noScript.textContent = "De zoekindex is niet beschikbaar. Probeer het later opnieuw, of gebruik het overzicht van alle praktijkvoorbeelden.";
    return;
  }

  function absolutePath(relative) {
    return new URL(relative, document.baseURI).pathname;
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  var form = root.querySelector("[data-pb-zoekformulier]");
  if (form) form.hidden = true;
  if (noScript) noScript.hidden = true;

  var ui = new window.PagefindUI({
    element: "[data-pb-zoekresultaten]",
    bundlePath: absolutePath(root.getAttribute("data-bundel")),
    baseUrl: absolutePath(root.getAttribute("data-basis")).replace(/[^/]*$/, ""),
    showSubResults: false,
    showImages: false,
    excerptLength: 24,
    pageSize: 5,
    autofocus: true,
    translations: {
      placeholder: "Zoek in alle praktijkvoorbeelden en pagina's",
      search_label: "Zoek in alle praktijkvoorbeelden en pagina's",
      filters_label: "Filters",
      load_more: "Meer resultaten",
      clear_search: "Wissen",
    },
  });
  if (query) ui.triggerSearch(query);

  // Keep the address in step with what is typed, without a history entry per keystroke.
  var pending = null;
  root.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("input[type=text], input[type=search]")) return;
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      var url = new URL(window.location.href);
      var value = event.target.value.trim();
      if (value) url.searchParams.set("q", value); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
    }, 300);
  });
})();
