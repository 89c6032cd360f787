/* Praktijkbank: the state of a filter form in the page's address, shared by the overview (praktijkbank.js) and the
 * search page (zoeken.js), so both read and write the same addresses: ?q=wijk&regio=zeeland&regio=utrecht.
 *
 * A form holds a text field named q and, per facet, a <fieldset data-facet="segment"> of checkboxes named after the
 * segment, whose values are the facet's values. The state is { q: "words", selected: { segment: [values] } }, plus
 * one entry per option of `sort` (the overview's order). In the address: q first, then each facet's values in the
 * form's order, then a sort order other than the first. Nothing here searches or filters; the pages do that.
 *
 * Loaded on every page before praktijkbank.js (the plugin adds it to extra_javascript); it only defines
 * window.praktijkbankFacetstaat.
 */
(function () {
  "use strict";

  if (window.praktijkbankFacetstaat) return;

  function slice(list) {
    return Array.prototype.slice.call(list);
  }

  /* options:
   *   sort       { name: "sorteer", values: ["nieuw", "az"] }: a select of that name; the first value is the default
   *              and stays out of the address
   *   onlyKnown  drop values from the address that no checkbox of the form has
   *   keepHash   keep the address's #fragment when writing a new address
   */
  function create(form, options) {
    options = options || {};
    var input = form.elements.q;
    var sort = options.sort || null;
    var fieldsets = slice(form.querySelectorAll("fieldset[data-facet]"));
    var segments = fieldsets.map(function (fieldset) { return fieldset.getAttribute("data-facet"); });

    function boxesOf(segment) {
      return slice(form.querySelectorAll("input[type=checkbox][name='" + segment + "']"));
    }

    function known(segment, value) {
      return boxesOf(segment).some(function (box) { return box.value === value; });
    }

    function fromForm() {
      var state = { q: input.value.trim(), selected: {} };
      if (sort) state[sort.name] = form.elements[sort.name].value;
      segments.forEach(function (segment) {
        state.selected[segment] = boxesOf(segment).filter(function (box) { return box.checked; })
          .map(function (box) { return box.value; });
      });
      return state;
    }

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var state = { q: (params.get("q") || "").trim(), selected: {} };
      if (sort) {
        var chosen = params.get(sort.name);
        state[sort.name] = sort.values.indexOf(chosen) > 0 ? chosen : sort.values[0];
      }
      segments.forEach(function (segment) {
        var values = params.getAll(segment);
        state.selected[segment] = options.onlyKnown ? values.filter(function (value) { return known(segment, value); }) : values;
      });
      return state;
    }

    function writeForm(state) {
      input.value = state.q;
      if (sort) form.elements[sort.name].value = state[sort.name];
      segments.forEach(function (segment) {
        boxesOf(segment).forEach(function (box) { box.checked = state.selected[segment].indexOf(box.value) >= 0; });
      });
    }

    function address(state) {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      segments.forEach(function (segment) {
        state.selected[segment].forEach(function (value) { params.append(segment, value); });
      });
      if (sort && state[sort.name] !== sort.values[0]) params.set(sort.name, state[sort.name]);
      var text = params.toString();
      return window.location.pathname + (text ? "?" + text : "") + (options.keepHash ? window.location.hash : "");
    }

    function chosenCount(state) {
      return segments.reduce(function (sum, segment) { return sum + state.selected[segment].length; }, 0);
    }

    return {
      fieldsets: fieldsets,
      segments: segments,
      boxesOf: boxesOf,
      fromForm: fromForm,
      fromAddress: fromAddress,
      writeForm: writeForm,
      address: address,
      chosenCount: chosenCount
    };
  }

  window.praktijkbankFacetstaat = { create: create };
})();
