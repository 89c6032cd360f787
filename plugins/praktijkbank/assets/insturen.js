/* Praktijkbank: the submission form. It writes a practice file in the browser; nothing is sent anywhere.
 *
 * The form's fields and rules come from the schema: the page holds them as JSON (#pb-insturen-spec), made by
 * form.py from the same schema that `praktijkbank check` uses. This script checks input the way the schema does
 * where HTML cannot (non-blank text, list limits, real dates, link patterns), shows Dutch messages next to the
 * fields and a summary on top, and writes the file: YAML front-matter in the schema's order, every string in
 * double quotes with JSON escaping (a JSON string is a valid YAML string, so no tags, anchors or surprises),
 * empty fields left out. A draft is kept in localStorage on this device only.
 */
(function () {
  "use strict";

  var DRAFT_KEY = "praktijkbank:insturen:concept:v1";
  var BODY_ID = "pb-veld-verhaal";
  var LONG_URL = 8000;

  function $(id) { return document.getElementById(id); }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function length(text) { return Array.from(text).length; }  // code points, as JSON Schema counts
  function clean(text) { return String(text || "").replace(/\r\n?/g, "\n").trim(); }
  function isBlank(value) {
    if (value === undefined || value === null) return true;
    if (typeof value === "string") return !value.trim();
    if (Array.isArray(value)) return value.every(isBlank);
    return Object.keys(value).every(function (key) { return isBlank(value[key]); });
  }

  /* -- slugs, as plugins/praktijkbank/slugs.py ------------------------------------------------------- */

  function slugify(text, max) {
    var ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug.slice(0, max).replace(/-+$/, "");
  }

  /* -- YAML ------------------------------------------------------------------------------------------ */

  function quote(text) {
    // JSON.stringify escapes quotes, backslashes and control characters; YAML also refuses DEL, C1 controls
    // and a few non-characters raw in a file, and reads U+2028/2029 as line breaks: escape those as well.
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (ch) {
      return "\\u" + ("0000" + ch.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  // A number is written as digits (an integer in YAML); everything else as a quoted string.
  function scalar(value) {
    return typeof value === "number" ? String(value) : quote(value);
  }

  function yamlLines(fields, data, indent, out) {
    fields.forEach(function (field) {
      var value = data[field.key];
      if (value === undefined) return;
      if (field.kind === "group") {
        out.push(indent + field.key + ":");
        yamlLines(field.children, value, indent + "  ", out);
      } else if (field.kind === "repeat") {
        out.push(indent + field.key + ":");
        value.forEach(function (item) {
          var first = true;
          field.children.forEach(function (child) {
            if (item[child.key] === undefined) return;
            out.push(indent + (first ? "  - " : "    ") + child.key + ": " + scalar(item[child.key]));
            first = false;
          });
        });
      } else if (Array.isArray(value)) {
        out.push(indent + field.key + ":");
        value.forEach(function (item) { out.push(indent + "  - " + quote(item)); });
      } else {
        out.push(indent + field.key + ": " + scalar(value));
      }
    });
    return out;
  }

  function practiceFile(fields, data, body) {
    var text = "---\n" + yamlLines(fields, data, "", []).join("\n") + "\n---\n";
    return body ? text + "\n" + body + "\n" : text;
  }

  /* -- checking, as the schema does ------------------------------------------------------------------ */

  function isRealDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
  }

  function checkText(field, text) {
    var count = length(text);
    if (field.min_length && count < field.min_length) {
      return "Schrijf minstens " + field.min_length + " tekens (nu " + count + ").";
    }
    if (field.max_length && count > field.max_length) {
      return "Schrijf hoogstens " + field.max_length + " tekens (nu " + count + ").";
    }
    if (field.kind === "date" && !isRealDate(text)) {
      return (field.hint || "Schrijf een datum als jaar-maand-dag.") + " Deze datum bestaat niet of is onvolledig.";
    }
    if (field.choices && field.choices.indexOf(text) < 0) return "Kies een waarde uit de lijst.";
    if (field.pattern && !new RegExp(field.pattern, "u").test(text)) {
      return field.hint || "Deze waarde heeft niet de juiste vorm.";
    }
    return "";
  }

  // The whole number in `text`, or a message saying what is wrong with it.
  function checkNumber(field, text) {
    if (!/^[0-9]+$/.test(text)) return field.hint || "Schrijf een heel getal.";
    var number = parseInt(text, 10);
    if (field.minimum !== undefined && number < field.minimum) return "Schrijf minstens " + field.minimum + ".";
    if (field.maximum !== undefined && number > field.maximum) return "Schrijf hoogstens " + field.maximum + ".";
    return number;
  }

  function checkLines(field, lines) {
    if (field.max_items && lines.length > field.max_items) {
      return "Schrijf hoogstens " + field.max_items + " regels (nu " + lines.length + ").";
    }
    for (var i = 0; i < lines.length; i += 1) {
      if (field.item_max_length && length(lines[i]) > field.item_max_length) {
        return "Regel " + (i + 1) + " is te lang: hoogstens " + field.item_max_length + " tekens (nu " + length(lines[i]) + ").";
      }
      if (field.item_pattern && !new RegExp(field.item_pattern, "u").test(lines[i])) {
        return "Regel " + (i + 1) + " heeft niet de juiste vorm.";
      }
      if (field.unique && lines.indexOf(lines[i]) < i) {
        return "Regel " + (i + 1) + " staat er al eerder in; schrijf elk item één keer.";
      }
    }
    return "";
  }


  /* -- the checker's privacy and story rules (privacy.py and body.py, handed over by browserrules.py) ---------- */

  function regex(rule, extraFlags) { return new RegExp(rule.source, rule.flags + (extraFlags || "")); }

  function passesElevenTest(digits) {
    if (!/^[0-9]{9}$/.test(digits) || /^0+$/.test(digits)) return false;
    var total = 0;
    for (var i = 0; i < 8; i += 1) total += (9 - i) * Number(digits[i]);
    return (total - Number(digits[8])) % 11 === 0;
  }

  function phoneKey(number) {
    var text = number.trim();
    var digits = text.replace(/\D/g, "");
    if (text.charAt(0) === "+") digits = "00" + digits;
    if (digits.indexOf("0031") === 0) digits = "0" + digits.slice(4);
    return digits;
  }

  function PrivacyRules(rules) {
    this.rules = rules;
    this.email = regex(rules.email, "g");
    this.phone = regex(rules.phone, "g");
    this.bsn = regex(rules.bsn, "g");
    this.manyDigits = regex(rules.many_digits);
    this.personalLocal = regex(rules.personal_local_part);
  }

  // [{kind, found}] for every e-mail address, phone number and possible BSN in `text`, as privacy.find_personal_data.
  PrivacyRules.prototype.find = function (text) {
    var found = [];
    var match;
    if (text.indexOf("@") >= 0) {
      this.email.lastIndex = 0;
      while ((match = this.email.exec(text))) found.push({ kind: "email", found: match[0] });
    }
    if (!this.manyDigits.test(text)) return found;
    var phones = [];
    this.phone.lastIndex = 0;
    while ((match = this.phone.exec(text))) {
      phones.push([match.index, match.index + match[0].length]);
      found.push({ kind: "telefoon", found: match[0].trim() });
    }
    this.bsn.lastIndex = 0;
    while ((match = this.bsn.exec(text))) {
      var start = match.index;
      if (phones.some(function (span) { return span[0] <= start && start < span[1]; })) continue;
      if (passesElevenTest(match[0].replace(/\D/g, ""))) found.push({ kind: "bsn", found: match[0] });
    }
    return found;
  };

  PrivacyRules.prototype.looksPersonal = function (address) {
    var local = address.trim().split("@")[0].toLowerCase();
    if (!this.personalLocal.test(local)) return false;
    return !this.rules.general_words.some(function (word) { return local.indexOf(word) >= 0; });
  };

  PrivacyRules.prototype.isMobile = function (number) {
    var key = phoneKey(number);
    return key.length === 10 && key.indexOf("06") === 0;
  };

  // Is this finding exactly the contact's own address or number, which may be repeated anywhere?
  PrivacyRules.prototype.isOwn = function (item, own) {
    if (item.kind === "email") return Boolean(own.email) && item.found.toLowerCase() === own.email.toLowerCase();
    return item.kind === "telefoon" && Boolean(own.telefoon) && phoneKey(item.found) === phoneKey(own.telefoon);
  };

  PrivacyRules.prototype.message = function (item) {
    return this.rules.messages[item.kind].replace("{}", item.found);
  };

  // Problems of the story, as body.check_body: raw HTML, images, links other than http(s), mailto and anchors.
  function StoryRules(rules) {
    this.rules = rules;
    this.fence = regex(rules.fence);
    this.codeSpan = regex(rules.code_span, "g");
    this.html = regex(rules.html, "g");
    this.autolink = regex(rules.autolink, "g");
    this.image = regex(rules.image, "g");
    this.inlineLink = regex(rules.inline_link, "g");
    this.definition = regex(rules.reference_definition);
    this.allowed = regex(rules.allowed_link);
  }

  function matches(pattern, text) {
    var found = [];
    var match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text))) {
      found.push(match);
      if (match[0] === "") pattern.lastIndex += 1;
    }
    return found;
  }

  StoryRules.prototype.problems = function (body) {
    var self = this;
    var problems = [];
    if (body.indexOf(this.rules.placeholder) >= 0) {
      problems.push("Het verhaal is nog de voorbeeldtekst van 'praktijkbank nieuw'. Vervang die door het verhaal van de praktijk, of haal ze weg.");
    }
    var fence = null;
    body.split("\n").forEach(function (raw, index) {
      var opening = self.fence.exec(raw);
      if (fence !== null) {
        if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length) fence = null;
        return;
      }
      if (opening) { fence = opening[1]; return; }
      if (/^( {4}|\t)/.test(raw) && !/^[-*+]/.test(raw.trim())) return;
      if (raw.indexOf("<") < 0 && raw.indexOf("[") < 0) return;
      var line = raw.replace(self.codeSpan, function (span) { return new Array(span.length + 1).join(" "); });
      var where = "Regel " + (index + 1) + ": ";
      var autolinks = matches(self.autolink, line);
      autolinks.forEach(function (m) {
        if (!self.allowed.test(m[1])) problems.push(where + "de link '" + m[1] + "' is niet toegestaan. Gebruik alleen links die beginnen met https://, http:// of mailto:.");
      });
      var tags = matches(self.html, line).filter(function (m) {
        return !autolinks.some(function (a) { return a.index <= m.index && m.index < a.index + a[0].length; });
      });
      if (tags.length) problems.push(where + "HTML is niet toegestaan in het verhaal. Gebruik Markdown: **vet**, *schuin*, [tekst](https://...).");
      matches(self.image, line).forEach(function () {
        problems.push(where + "afbeeldingen zijn niet toegestaan in het verhaal. Verwijs met een gewone link naar de afbeelding.");
      });
      matches(self.inlineLink, line).forEach(function (m) {
        if (!self.allowed.test(m[1])) problems.push(where + "de link '" + m[1] + "' is niet toegestaan. Gebruik alleen links die beginnen met https://, http:// of mailto:.");
      });
      var definition = self.definition.exec(line);
      if (definition && !self.allowed.test(definition[1])) {
        problems.push(where + "de link '" + definition[1] + "' is niet toegestaan. Gebruik alleen links die beginnen met https://, http:// of mailto:.");
      }
    });
    return problems;
  };

  function SubmissionForm(root, spec) {
    this.root = root;
    this.spec = spec;
    this.form = root.querySelector("form");
    this.summary = $("pb-foutoverzicht");
    this.output = $("pb-uitvoer");
    this.status = root.querySelector("[data-pb-status]");
    this.counter = 0;
    this.text = "";
    this.slug = "";
    this.privacyRules = new PrivacyRules(spec.rules.privacy);
    this.storyRules = new StoryRules(spec.rules.body);
    this.own = {};
    this.privacy = [];
  }

  SubmissionForm.prototype.start = function () {
    var self = this;
    showForm(this.root);
    all(this.root, "[data-pb-herhaal]").forEach(function (fieldset) {
      var add = fieldset.querySelector("[data-pb-toevoegen]");
      add.addEventListener("click", function () {
        var item = self.addItem(fieldset);
        var first = item.querySelector("input, textarea, select");
        if (first) first.focus();
        self.saveDraft();
      });
    });
    var date = this.findField("bijgewerkt");
    var restored = this.restoreDraft();
    if (date && !$(date.id).value) $(date.id).value = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    if (restored) this.say("Je concept van de vorige keer is teruggezet. Begin je liever opnieuw? Kies dan Concept wissen.");
    this.form.addEventListener("input", function () { self.changed(); });
    this.form.addEventListener("change", function () { self.changed(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
    this.root.querySelector("[data-pb-wis]").addEventListener("click", function () { self.clearDraft(); });
    this.root.querySelector("[data-pb-download]").addEventListener("click", function () { self.download(); });
    this.root.querySelector("[data-pb-kopieer]").addEventListener("click", function () { self.copy(); });
    [this.summary, this.output.querySelector("[data-pb-privacy]")].forEach(function (list) {
      list.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-pb-doel]");
        if (!link) return;
        event.preventDefault();
        self.focusField(link.getAttribute("data-pb-doel"));
      });
    });
  };

  function showForm(root) {
    root.querySelector("[data-pb-zonder-js]").hidden = true;
    root.querySelector("[data-pb-formulier]").hidden = false;
  }

  SubmissionForm.prototype.findField = function (key) {
    return this.spec.fields.filter(function (field) { return field.key === key; })[0];
  };

  SubmissionForm.prototype.say = function (message) {
    this.status.textContent = "";
    var status = this.status;
    window.setTimeout(function () { status.textContent = message; }, 50);  // a change, so it is announced again
  };

  /* -- repeatable groups ------------------------------------------------------------------------------ */

  SubmissionForm.prototype.addItem = function (fieldset) {
    var template = fieldset.querySelector("template");
    var items = fieldset.querySelector(".pb-items");
    var number = String(++this.counter);
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-pb-n", number);
    [item].concat(all(item, "*")).forEach(function (element) {
      ["id", "for", "name", "aria-describedby"].forEach(function (name) {
        var value = element.getAttribute(name);
        if (value && value.indexOf("__N__") >= 0) element.setAttribute(name, value.split("__N__").join(number));
      });
    });
    var self = this;
    item.querySelector("[data-pb-verwijder]").addEventListener("click", function () {
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      self.renumber(fieldset);
      self.changed();
      (next ? next.querySelector("input, textarea") : fieldset.querySelector("[data-pb-toevoegen]")).focus();
    });
    items.appendChild(item);
    this.renumber(fieldset);
    return item;
  };

  SubmissionForm.prototype.renumber = function (fieldset) {
    var items = all(fieldset, ".pb-item");
    items.forEach(function (item, index) {
      all(item, "[data-pb-nummer]").forEach(function (span) { span.textContent = String(index + 1); });
    });
    var field = this.fieldByPath(fieldset.getAttribute("data-pb-herhaal"));
    var add = fieldset.querySelector("[data-pb-toevoegen]");
    add.hidden = Boolean(field && field.max_items && items.length >= field.max_items);
  };

  SubmissionForm.prototype.fieldByPath = function (path) {
    function find(fields) {
      for (var i = 0; i < fields.length; i += 1) {
        if (fields[i].path === path) return fields[i];
        var found = fields[i].children ? find(fields[i].children) : null;
        if (found) return found;
      }
      return null;
    }
    return find(this.spec.fields);
  };

  /* -- reading and filling the controls ---------------------------------------------------------------- */

  SubmissionForm.prototype.read = function (field, suffix) {
    var self = this;
    var id = field.id + suffix;
    if (field.kind === "group") {
      var group = {};
      field.children.forEach(function (child) { group[child.key] = self.read(child, suffix); });
      return group;
    }
    if (field.kind === "repeat") {
      return all($(id), ".pb-item").map(function (item) {
        var values = {};
        field.children.forEach(function (child) { values[child.key] = self.read(child, "-" + item.getAttribute("data-pb-n")); });
        return values;
      });
    }
    if (field.kind === "checkboxes") {
      return all($(id), "input[type=checkbox]:checked").map(function (box) { return box.value; });
    }
    return $(id).value;
  };

  SubmissionForm.prototype.fill = function (field, suffix, value) {
    var self = this;
    var id = field.id + suffix;
    if (value === undefined || value === null) return;
    if (field.kind === "group") {
      field.children.forEach(function (child) { self.fill(child, suffix, value[child.key]); });
    } else if (field.kind === "repeat") {
      var fieldset = $(id);
      all(fieldset, ".pb-item").forEach(function (item) { item.remove(); });
      (Array.isArray(value) ? value : []).slice(0, field.max_items || 100).forEach(function (values) {
        var item = self.addItem(fieldset);
        field.children.forEach(function (child) { self.fill(child, "-" + item.getAttribute("data-pb-n"), values[child.key]); });
      });
    } else if (field.kind === "checkboxes") {
      all($(id), "input[type=checkbox]").forEach(function (box) { box.checked = Array.isArray(value) && value.indexOf(box.value) >= 0; });
    } else if (typeof value === "string" || typeof value === "number") {
      $(id).value = String(value);
    }
  };

  /* -- checking -------------------------------------------------------------------------------------- */

  // Returns the clean value to write (undefined for "not filled in") and records problems in `errors`.
  SubmissionForm.prototype.check = function (field, raw, suffix, active, errors) {
    var self = this;
    var id = field.id + suffix;
    function problem(message, target) { errors.push({ id: id, target: target || id, title: field.title, message: message }); }

    if (field.kind === "group") {
      if (isBlank(raw)) return undefined;
      var group = {};
      field.children.forEach(function (child) {
        var value = self.check(child, raw[child.key], suffix, true, errors);
        if (value !== undefined) group[child.key] = value;
      });
      return Object.keys(group).length ? group : undefined;
    }
    if (field.kind === "repeat") {
      var items = [];
      all($(id), ".pb-item").forEach(function (item, index) {
        var values = raw[index];
        if (isBlank(values)) return;  // an empty block is not filled in, not an error
        var clean = {};
        field.children.forEach(function (child) {
          var value = self.check(child, values[child.key], "-" + item.getAttribute("data-pb-n"), true, errors);
          if (value !== undefined) clean[child.key] = value;
        });
        items.push(clean);
      });
      if (field.max_items && items.length > field.max_items) problem("Hoogstens " + field.max_items + " items.");
      return items.length ? items : undefined;
    }
    if (field.kind === "checkboxes") {
      var firstBox = $(id).querySelector("input");
      if (!raw.length) {
        if (field.required && active) problem("Kies er minstens één.", firstBox.id);
        return undefined;
      }
      if (field.max_items && raw.length > field.max_items) {
        problem("Kies er hoogstens " + field.max_items + " (nu " + raw.length + ").", firstBox.id);
      }
      return raw;
    }
    if (field.kind === "lines") {
      var lines = clean(raw).split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
      if (!lines.length) {
        if (field.required && active) problem("Vul dit veld in: één item per regel.");
        return undefined;
      }
      var linesMessage = checkLines(field, lines);
      if (linesMessage) problem(linesMessage);
      lines.forEach(function (line) { self.notePrivacy(field, id, line); });
      return lines;
    }
    var text = clean(raw);
    if (!text) {
      if (field.required && active) problem(field.kind === "select" ? "Kies een waarde uit de lijst." : "Vul dit veld in.");
      return undefined;
    }
    if (field.kind === "number") {
      var number = checkNumber(field, text);
      if (typeof number === "string") {
        problem(number);
        return text;
      }
      return number;
    }
    var message = checkText(field, text);
    if (message) problem(message);
    this.notePrivacy(field, id, text);
    return text;
  };

  // Personal data in a field's text, as `praktijkbank check` warns about it (privacy.check_privacy).
  SubmissionForm.prototype.notePrivacy = function (field, id, text) {
    var rules = this.spec.rules.privacy;
    if (rules.exempt_keys.indexOf(field.key) >= 0) return;
    if (rules.own_details.some(function (kind) { return field.path === rules.contact + "." + kind; })) return;
    var self = this;
    this.privacyRules.find(text).forEach(function (item) {
      if (self.privacyRules.isOwn(item, self.own)) return;
      self.privacy.push({ id: id, title: field.title, message: self.privacyRules.message(item) });
    });
  };

  // The contact's own address and number (general ones of the organisation), the story, and what the fields held.
  SubmissionForm.prototype.checkPrivacy = function (raw) {
    var rules = this.spec.rules.privacy;
    var contact = this.findField(rules.contact);
    var self = this;
    if (contact) {
      contact.children.forEach(function (child) {
        var value = self.own[child.key];
        if (!value) return;
        if (child.key === "email" && self.privacyRules.looksPersonal(value)) {
          self.privacy.push({ id: child.id, title: child.title, message: "lijkt een persoonlijk e-mailadres (" + value + "). Gebruik een algemeen adres van de organisatie, zoals info@..." });
        }
        if (child.key === "telefoon" && self.privacyRules.isMobile(value)) {
          self.privacy.push({ id: child.id, title: child.title, message: "lijkt een mobiel nummer van een persoon (" + value + "). Gebruik het algemene nummer van de organisatie." });
        }
      });
    }
    clean(raw.body).split("\n").forEach(function (line) {
      self.privacyRules.find(line).forEach(function (item) {
        if (!self.privacyRules.isOwn(item, self.own)) self.privacy.push({ id: BODY_ID, title: "Het verhaal", message: self.privacyRules.message(item) });
      });
    });
  };

  SubmissionForm.prototype.collect = function () {
    var self = this;
    var data = {};
    this.spec.fields.forEach(function (field) { data[field.key] = self.read(field, ""); });
    return { fields: data, body: $(BODY_ID).value };
  };

  // A list item that links to the field `target` (the lists' click handler moves focus there).
  function problemItem(target, text) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + target;
    link.setAttribute("data-pb-doel", target);
    link.textContent = text;
    item.appendChild(link);
    return item;
  }

  SubmissionForm.prototype.showErrors = function (errors) {
    all(this.root, ".pb-fout").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    all(this.root, "[aria-invalid]").forEach(function (control) { control.removeAttribute("aria-invalid"); });
    var list = this.summary.querySelector("ul");
    list.textContent = "";
    var seen = {};
    errors.forEach(function (error) {
      if (seen[error.id]) return;
      seen[error.id] = true;
      var message = $(error.id + "-fout");
      if (message) { message.textContent = error.message; message.hidden = false; }
      var control = $(error.id);
      var controls = control && control.tagName === "FIELDSET" ? all(control, "input, textarea, select") : [control];
      controls.forEach(function (element) { if (element) element.setAttribute("aria-invalid", "true"); });
      list.appendChild(problemItem(error.target, error.title + ": " + error.message));
    });
    var count = Object.keys(seen).length;
    this.summary.querySelector("h2").textContent = count === 1
      ? "Er is 1 probleem. Pas het aan en probeer het opnieuw."
      : "Er zijn " + count + " problemen. Pas ze aan en probeer het opnieuw.";
    this.summary.hidden = count === 0;
  };

  SubmissionForm.prototype.focusField = function (id) {
    var target = $(id);
    if (!target) return;
    if (target.tagName === "FIELDSET") target = target.querySelector("input, textarea, select, button") || target;
    target.focus();
    target.scrollIntoView({ block: "center" });
  };

  SubmissionForm.prototype.submit = function () {
    var self = this;
    var raw = this.collect();
    var errors = [];
    var data = {};
    var contactRaw = raw.fields[this.spec.rules.privacy.contact] || {};
    this.own = {};
    this.spec.rules.privacy.own_details.forEach(function (kind) { if (clean(contactRaw[kind])) self.own[kind] = clean(contactRaw[kind]); });
    this.privacy = [];
    this.spec.fields.forEach(function (field) {
      var value = self.check(field, raw.fields[field.key], "", true, errors);
      if (value !== undefined) data[field.key] = value;
    });
    this.storyRules.problems(clean(raw.body)).forEach(function (message) {
      errors.push({ id: BODY_ID, target: BODY_ID, title: "Het verhaal", message: message });
    });
    this.checkPrivacy(raw);
    var title = this.findField("titel");
    this.slug = data.titel ? slugify(data.titel, this.spec.slug.max) : "";
    if (data.titel && (!this.slug || this.spec.slug.reserved.indexOf(this.slug) >= 0)) {
      errors.unshift({ id: title.id, target: title.id, title: title.title,
        message: "Van deze titel kan geen bestandsnaam worden gemaakt. Gebruik (ook) gewone letters of cijfers." });
    }
    this.showErrors(errors);
    if (errors.length) {
      this.output.hidden = true;
      this.summary.focus();
      return;
    }
    this.text = practiceFile(this.spec.fields, data, clean(raw.body));
    this.title = data.titel;
    this.showOutput();
  };

  /* -- output ---------------------------------------------------------------------------------------- */

  SubmissionForm.prototype.fileName = function () { return this.slug + ".md"; };

  SubmissionForm.prototype.showOutput = function () {
    this.output.querySelector("[data-pb-voorbeeld]").textContent = this.text;
    this.output.querySelector("[data-pb-bestandsnaam]").textContent = this.fileName();
    this.showPrivacy();
    var mail = this.output.querySelector("[data-pb-mail]");
    if (mail && this.spec.email) {
      mail.href = "mailto:" + this.spec.email + "?subject=" + encodeURIComponent("Nieuw praktijkvoorbeeld: " + this.title) +
        "&body=" + encodeURIComponent("Bestand: " + this.fileName() + "\n\n" + this.text);
    }
    var github = this.output.querySelector("[data-pb-github]");
    var blocked = this.privacy.length > 0;  // GitHub would make the text public at once
    all(this.output, "[data-pb-github], [data-pb-github-uitleg]").forEach(function (element) { element.hidden = blocked; });
    if (github && this.spec.github) {
      var path = (this.spec.folder ? this.spec.folder + "/" : "") + this.fileName();
      github.href = this.spec.github + "?filename=" + path.split("/").map(encodeURIComponent).join("/") +
        "&value=" + encodeURIComponent(this.text);
      this.output.querySelector("[data-pb-lang]").hidden = github.href.length <= LONG_URL;
    }
    this.output.hidden = false;
    this.output.focus();
  };

  // What looks like personal data: listed with links to the fields, and the reason the GitHub button is gone.
  SubmissionForm.prototype.showPrivacy = function () {
    var box = this.output.querySelector("[data-pb-privacy]");
    var list = box.querySelector("ul");
    list.textContent = "";
    this.privacy.forEach(function (problem) { list.appendChild(problemItem(problem.id, problem.title + ": " + problem.message)); });
    box.hidden = this.privacy.length === 0;
    this.output.setAttribute("data-pb-privacy-aantal", String(this.privacy.length));
  };

  SubmissionForm.prototype.download = function () {
    var blob = new Blob([this.text], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = this.fileName();
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    this.say("Het bestand " + this.fileName() + " is gedownload.");
  };

  SubmissionForm.prototype.copy = function () {
    var self = this;
    function fallback() {
      var area = document.createElement("textarea");
      area.value = self.text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      area.remove();
      self.say(done ? "De tekst is gekopieerd." : "Kopiëren lukt niet in deze browser. Selecteer de tekst in het voorbeeld en kopieer die.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(this.text).then(function () { self.say("De tekst is gekopieerd."); }, fallback);
    } else {
      fallback();
    }
  };

  /* -- draft ----------------------------------------------------------------------------------------- */

  SubmissionForm.prototype.changed = function () {
    if (!this.output.hidden) this.output.hidden = true;  // never offer a file that no longer matches the form
    this.saveDraft();
  };

  SubmissionForm.prototype.saveDraft = function () {
    try {
      window.localStorage.setItem(DRAFT_KEY, JSON.stringify(this.collect()));
    } catch (error) { /* storage off or full: the form still works, only without a draft */ }
  };

  SubmissionForm.prototype.restoreDraft = function () {
    var draft = null;
    try { draft = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null"); } catch (error) { draft = null; }
    if (!draft || typeof draft !== "object" || !draft.fields) return false;
    var self = this;
    this.spec.fields.forEach(function (field) { self.fill(field, "", draft.fields[field.key]); });
    if (typeof draft.body === "string") $(BODY_ID).value = draft.body;
    return !isBlank(draft);
  };

  SubmissionForm.prototype.clearDraft = function () {
    try { window.localStorage.removeItem(DRAFT_KEY); } catch (error) { /* nothing stored */ }
    this.form.reset();
    all(this.root, ".pb-item").forEach(function (item) { item.remove(); });
    all(this.root, "[data-pb-herhaal]").forEach(this.renumber.bind(this));
    this.showErrors([]);
    this.output.hidden = true;
    var date = this.findField("bijgewerkt");
    if (date) $(date.id).value = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    this.say("Het concept is gewist. Het formulier is weer leeg.");
  };

  function init() {
    var root = document.querySelector("[data-pb-insturen]");
    var source = $("pb-insturen-spec");
    if (!root || !source) return;
    new SubmissionForm(root, JSON.parse(source.textContent)).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
