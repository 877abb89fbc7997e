// The page's only script: shows the questions that matter, sends the usage to POST /api/decisions,
// and shows the decision. Builds the page with textContent only (never innerHTML).
'use strict';

(function () {
  const EXTERNAL = ['EXTERNAL', 'EXTERNAL_SOVEREIGN'];
  const SCRAPING_PURPOSES = ['MODEL_TRAINING', 'DATA_ANALYSIS', 'AUTOMATED_PROCESSING',
    'SYNTHETIC_DATA_GENERATION', 'INFORMATION_SEARCH', 'OTHER'];
  const PERSONAL_CATEGORIES = ['IDENTIFIABLE_HEALTH_DATA', 'PSEUDONYMISED_DATA', 'PERSONAL_DATA'];
  const PEOPLE_PURPOSES = ['HR_ADMINISTRATION', 'AUTOMATED_PROCESSING', 'DATA_ANALYSIS', 'MODEL_TRAINING', 'OTHER'];
  // The context questions, as GET /api/schema lists them (the library's ContextField.all()):
  // {name, path, kind: 'boolean' or 'enum', values}. A boolean is sent as true/false, an enumeration
  // as its name. Their texts are the page's labels q.NAME (and q.NAME.explain, NAME.VALUE).
  let schema = { context: [], hosting: [] };
  // Questions shown because a decision asked them (a follow-up question), whatever the rules below say.
  const asked = new Set();
  // The page's language is the server's choice (?lang= or Accept-Language), written into <html lang>.
  const LANG = document.documentElement.lang === 'fr' ? 'fr' : 'en';
  const AI_UNIT_ADDRESS = 'pole.ia@inserm.fr';
  let labels = {};

  // A text of the page in its language (GET /api/labels), with {0}, {1}... filled in; the key itself
  // if the server did not send it, so a missing text shows instead of hiding.
  function t(key) {
    const args = Array.prototype.slice.call(arguments, 1);
    const text = Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : key;
    return text.replace(/\{(\d)\}/g, function (match, index) {
      return index < args.length ? String(args[index]) : match;
    });
  }

  const form = document.getElementById('usage-form');
  const purpose = document.getElementById('purpose');
  const statusLine = document.getElementById('status');
  const errorBox = document.getElementById('error');
  const result = document.getElementById('result');
  const askButton = document.getElementById('ask');
  let contacts = {};

  function byId(id) {
    return document.getElementById(id);
  }

  function radioValue(name) {
    const checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : '';
  }

  function show(id, visible) {
    byId(id).hidden = !visible;
  }

  function isShown(id) {
    return !byId(id).hidden;
  }

  function hasText(key) {
    return Object.prototype.hasOwnProperty.call(labels, key);
  }

  // The label of a value of a context field: Yes/No for a boolean, NAME.VALUE for an enumeration.
  function valueLabel(field, value) {
    if (field.kind === 'boolean') {
      return t(value === 'true' ? 'choice.yes' : 'choice.no');
    }
    return t(field.name + '.' + value);
  }

  // The id of the radio button that states a value: NAME-yes / NAME-no, or NAME-VALUE.
  function choiceId(field, value) {
    if (field.kind === 'boolean') {
      return field.name + (value === 'true' ? '-yes' : '-no');
    }
    return field.name + '-' + value;
  }

  // One tri-state question per context field of the schema: "Not stated" first, then each value. The
  // server writes the same questions into the page (for a browser without JavaScript): the answers
  // they hold, as on a page that shows a decision, are kept.
  function buildQuestions() {
    const box = byId('context-questions');
    const stated = {};
    box.querySelectorAll('input[type="radio"]:checked').forEach(function (input) {
      stated[input.name] = input.value;
    });
    const written = Array.from(box.querySelectorAll('fieldset.tri'), function (set) {
      return set.id;
    });
    if (written.join() === schema.context.map(function (field) {
      return 'q-' + field.name;
    }).join()) {
      return; // the server wrote these very questions (and any answers in them)
    }
    box.replaceChildren();
    schema.context.forEach(function (field) {
      const set = document.createElement('fieldset');
      set.className = 'tri';
      set.id = 'q-' + field.name;
      set.setAttribute('data-path', field.path);
      const legend = document.createElement('legend');
      legend.textContent = t('q.' + field.name);
      set.appendChild(legend);
      if (hasText('q.' + field.name + '.explain')) {
        const explain = document.createElement('p');
        explain.className = 'hint';
        explain.textContent = t('q.' + field.name + '.explain');
        set.appendChild(explain);
      }
      [''].concat(field.values).forEach(function (value) {
        const span = document.createElement('span');
        span.className = 'choice';
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = field.name;
        input.value = value;
        input.id = value === '' ? field.name + '-unset' : choiceId(field, value);
        input.checked = Object.prototype.hasOwnProperty.call(stated, field.name) ? stated[field.name] === value
          : value === '';
        const label = document.createElement('label');
        label.htmlFor = input.id;
        label.textContent = value === '' ? t('choice.unset') : valueLabel(field, value);
        span.append(input, label);
        set.appendChild(span);
      });
      box.appendChild(set);
    });
  }

  // When a context question matters, by its name; a question not named here is always asked.
  const WHEN = {
    subscription: function (c) { return c.external; },
    subscriptionAuthorised: function (c) { return c.external && radioValue('subscription') === 'INSERM_FUNDED'; },
    // externally D2 forbids highly sensitive code; locally S9 asks about it when no review will be done
    codeTarget: function (c) {
      return c.purpose === 'CODE_GENERATION' && c.external || !c.external && c.review === 'false';
    },
    expertReview: function (c) { return c.purpose === 'CODE_GENERATION'; },
    dpiaCompleted: function (c) { return c.external && (c.purpose === 'AUTOMATED_PROCESSING' || c.forOthers); },
    subcontractingAgreement: function (c) {
      return c.external && (c.purpose === 'AUTOMATED_PROCESSING' || c.forOthers);
    },
    // a synthetic-data generator fitted on personal or health data is trained on them (R7.1)
    trainingDataLawful: function (c) {
      return c.purpose === 'MODEL_TRAINING' || c.purpose === 'SYNTHETIC_DATA_GENERATION'
        && PERSONAL_CATEGORIES.some(function (category) { return c.categories.includes(category); });
    },
    webScraping: function (c) { return SCRAPING_PURPOSES.includes(c.purpose); },
    scrapingTermsRespected: function (c) { return c.scraping; },
    apiAvailable: function (c) { return c.scraping; },
    automatedDecisionOnPeople: function (c) { return PEOPLE_PURPOSES.includes(c.purpose); }
  };

  // Shows a context question only when an answer to it can change the decision, or a decision asked it.
  function updateQuestions() {
    const what = purpose.value;
    const facts = {
      external: EXTERNAL.includes(radioValue('hosting')),
      purpose: what,
      forOthers: radioValue('deployedForOthers') === 'true',
      scraping: SCRAPING_PURPOSES.includes(what) && radioValue('webScraping') === 'true',
      review: radioValue('expertReview'),
      categories: Array.from(form.querySelectorAll('input[name="dataCategories"]:checked'), function (c) {
        return c.value;
      })
    };
    schema.context.forEach(function (field) {
      const rule = WHEN[field.name];
      show('q-' + field.name, asked.has(field.name) || !rule || rule(facts));
    });
  }

  // The usage JSON (README, "JSON"), from the visible answers only: a hidden question is "not stated".
  function buildUsage() {
    const tool = { name: byId('tool-name').value.trim() };
    const generative = radioValue('generative');
    if (generative !== '') {
      tool.generative = generative === 'true';
    }
    const size = byId('tool-size').value.trim();
    if (size !== '') {
      tool.parametersBillions = Number(size);
    }
    const usage = {
      tool: tool,
      hosting: radioValue('hosting') || null,
      dataCategories: Array.from(form.querySelectorAll('input[name="dataCategories"]:checked'), function (c) {
        return c.value;
      }),
      purpose: purpose.value || null
    };
    const context = {};
    schema.context.forEach(function (field) {
      if (!isShown('q-' + field.name)) {
        return;
      }
      const value = radioValue(field.name);
      if (value === '') {
        return;
      }
      context[field.name] = field.kind === 'boolean' ? value === 'true' : value;
    });
    if (Object.keys(context).length > 0) {
      usage.context = context;
    }
    return usage;
  }

  // Which control to send the keyboard to for a field named by the server or the checks below.
  function controlFor(field) {
    if (!field) {
      return null;
    }
    if (field === 'tool.name') {
      return byId('tool-name');
    }
    if (field === 'tool.parametersBillions') {
      return byId('tool-size');
    }
    if (field === 'tool.generative') {
      return byId('generative-unset');
    }
    if (field === 'hosting') {
      return byId('hosting-LOCAL');
    }
    if (field === 'purpose') {
      return purpose;
    }
    if (field.indexOf('dataCategories') === 0) {
      return form.querySelector('input[name="dataCategories"]');
    }
    if (field.indexOf('context.') === 0) {
      const name = field.substring('context.'.length);
      return byId(name + '-unset');
    }
    return null;
  }

  function clearInvalid() {
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) {
      el.removeAttribute('aria-invalid');
    });
  }

  // Shows what went wrong at the top of the form and moves the keyboard there, so the list is where
  // the focus goes; each item leads to the control it is about.
  function showError(title, problems) {
    errorBox.replaceChildren();
    const heading = document.createElement('p');
    heading.className = 'error-title';
    heading.textContent = title;
    errorBox.appendChild(heading);
    if (problems.length > 0) {
      const list = document.createElement('ul');
      problems.forEach(function (problem) {
        const item = document.createElement('li');
        const control = controlFor(problem.field);
        if (control) {
          control.setAttribute('aria-invalid', 'true');
          const link = document.createElement('a');
          link.href = '#' + control.id;
          link.textContent = problem.text;
          link.addEventListener('click', function (event) {
            event.preventDefault();
            control.focus();
          });
          item.appendChild(link);
        } else {
          item.textContent = problem.text;
        }
        list.appendChild(item);
      });
      errorBox.appendChild(list);
    }
    errorBox.hidden = false;
    errorBox.focus();
  }

  // Checks the required answers before asking; the server checks them again.
  function missingAnswers(usage) {
    const problems = [];
    if (!usage.tool.name) {
      problems.push({ field: 'tool.name', text: t('error.missing.toolName') });
    }
    const size = byId('tool-size');
    if (size.validity && !size.validity.valid) {
      problems.push({ field: 'tool.parametersBillions', text: t('error.missing.size') });
    }
    // The hosting may be left out: the server takes it from the tool catalogue, or names it as missing.
    if (!usage.purpose) {
      problems.push({ field: 'purpose', text: t('error.missing.purpose') });
    }
    return problems;
  }

  function listItems(list, items, text) {
    list.replaceChildren();
    items.forEach(function (item) {
      const li = document.createElement('li');
      li.textContent = text(item);
      list.appendChild(li);
    });
  }

  function clauseList(ids) {
    return ids.length ? ' (' + ids.join(', ') + ')' : '';
  }

  function render(decision, request) {
    if (['ALLOW', 'ESCALATE', 'DENY'].indexOf(decision.verdict) < 0) {
      showError(t('error.unknownAnswer'), []);
      return;
    }
    const box = byId('verdict');
    box.className = 'verdict verdict-' + decision.verdict.toLowerCase();
    box.setAttribute('data-verdict', decision.verdict);
    byId('verdict-title').textContent = t('verdict.' + decision.verdict + '.title');
    byId('verdict-summary').textContent = t('verdict.' + decision.verdict + '.summary');

    const reasons = byId('reasons');
    reasons.replaceChildren();
    decision.reasons.forEach(function (reason) {
      const li = document.createElement('li');
      li.setAttribute('data-rule', reason.rule);
      const effect = document.createElement('span');
      effect.className = 'tag tag-' + reason.effect.toLowerCase();
      effect.textContent = t('effect.' + reason.effect);
      li.appendChild(effect);
      li.appendChild(document.createTextNode(' ' + reason.text + clauseList(reason.clauses)));
      reasons.appendChild(li);
    });

    listItems(byId('obligations'), decision.obligations, function (o) {
      return o.text + clauseList(o.clauses);
    });
    byId('obligations-block').hidden = decision.obligations.length === 0;
    listItems(byId('advice'), decision.advice, function (a) {
      return a.text + clauseList(a.clauses);
    });
    byId('advice-block').hidden = decision.advice.length === 0;

    renderAssumptions(decision.assumptions || []);

    const alternatives = decision.alternatives || [];
    listItems(byId('alternatives'), alternatives, function (alternative) {
      return alternative.changes.map(function (change) {
        return change.text;
      }).join(' ');
    });
    byId('alternatives-block').hidden = alternatives.length === 0;

    const who = decision.escalateTo.length ? decision.escalateTo : ['AI_UNIT'];
    byId('contacts-intro').textContent = decision.escalateTo.length
      ? t('contacts.intro.escalate')
      : t('contacts.intro.other');
    renderContacts(who, decision.contacts || []);

    const citations = byId('citations');
    citations.replaceChildren();
    decision.citations.forEach(function (clause) {
      const details = document.createElement('details');
      details.className = 'clause';
      details.setAttribute('data-clause', clause.id);
      const summary = document.createElement('summary');
      summary.textContent = clause.id + ': ' + clause.title;
      const source = document.createElement('p');
      source.className = 'source';
      source.textContent = clause.source + (clause.section ? ', ' + clause.section : '');
      const original = document.createElement('blockquote');
      original.setAttribute('lang', clause.language);
      original.textContent = clause.text;
      const translation = clause.translation;
      if (translation && translation.language === LANG && clause.language !== LANG) {
        // the page's language first, marked as an unofficial translation; the source's words one click away
        const translated = document.createElement('blockquote');
        translated.setAttribute('lang', translation.language);
        translated.className = 'translation';
        translated.textContent = translation.text;
        const note = document.createElement('p');
        note.className = 'translation-note';
        note.textContent = t('clause.translation.note');
        const originalBox = document.createElement('details');
        originalBox.className = 'original';
        const originalSummary = document.createElement('summary');
        originalSummary.textContent = t('clause.original', clause.language);
        originalBox.append(originalSummary, original);
        details.append(summary, translated, note, originalBox, source);
      } else {
        details.append(summary, original, source);
      }
      citations.appendChild(details);
    });

    byId('usage-json').textContent = JSON.stringify(request, null, 2);
    byId('policy-version').textContent = t('policy.version', decision.policyVersion,
      decision.policyDigest.substring(0, 19));
    byId('decision-id').textContent = decision.decisionId ? t('decision.id', decision.decisionId) : '';
    byId('decision-id').hidden = !decision.decisionId;
    byId('send-decision').href = mailto(decision);
    byId('print-decision').hidden = false;
    byId('result-actions').hidden = false;
    result.hidden = false;
    byId('verdict-title').focus();
  }

  // The address that asks the same question again: the page with the form's answers in its query,
  // which the server decides as it decides the form posted without JavaScript.
  function askAgainAddress() {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== '') {
        params.append(name, value);
      }
    });
    return location.origin + '/?' + params.toString();
  }

  // A message to the AI & Digital Unit: the verdict, the reasons, the decision's id, the link to ask
  // again. The server writes the same for the page it renders (DecisionView.mailto).
  function mailto(decision) {
    const title = t('verdict.' + decision.verdict + '.title');
    let body = title + '\n\n';
    decision.reasons.forEach(function (reason) {
      body += '- ' + reason.text + clauseList(reason.clauses) + '\n';
    });
    if (decision.decisionId) {
      body += '\n' + t('decision.id', decision.decisionId) + '\n';
    }
    body += '\n' + t('send.askAgain') + '\n' + askAgainAddress() + '\n';
    return 'mailto:' + AI_UNIT_ADDRESS + '?subject=' + encodeURIComponent(t('send.subject', title))
      + '&body=' + encodeURIComponent(body);
  }

  function contextField(path) {
    return schema.context.find(function (f) {
      return f.path === path;
    });
  }

  function answerButton(text, value, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'answer';
    button.setAttribute('data-value', value);
    button.textContent = text;
    button.addEventListener('click', onClick);
    return button;
  }

  // States a context field's value in the form (showing its question) and asks again.
  function answerContext(field, value) {
    asked.add(field.name);
    byId(choiceId(field, value)).checked = true;
    updateQuestions();
    ask();
  }

  // What the decision took for granted: the sentence, the verdict otherwise, and the question with
  // one button per answer; an answer is added to the usage and the page asks again.
  function renderAssumptions(assumptions) {
    const list = byId('assumptions');
    list.replaceChildren();
    assumptions.forEach(function (a) {
      const li = document.createElement('li');
      li.setAttribute('data-assumption', a.rule);
      li.setAttribute('data-field', a.field);
      const taken = document.createElement('p');
      taken.className = 'assumed';
      taken.textContent = t('assumption.taken', a.text) + clauseList(a.clauses);
      const otherwise = document.createElement('p');
      otherwise.className = 'otherwise';
      otherwise.textContent = t('assumption.otherwise', t('effect.' + a.otherwise));
      const group = document.createElement('div');
      group.className = 'follow-up';
      group.setAttribute('role', 'group');
      const question = document.createElement('p');
      question.className = 'question';
      question.id = 'question-' + a.rule;
      question.textContent = a.question;
      group.setAttribute('aria-labelledby', question.id);
      const buttons = document.createElement('div');
      buttons.className = 'answers';
      const field = contextField(a.field);
      if (field) {
        field.values.forEach(function (value) {
          buttons.appendChild(answerButton(valueLabel(field, value), value, function () {
            answerContext(field, value);
          }));
        });
      } else if (a.field === 'hosting') {
        buttons.appendChild(answerButton(t('assumption.hosting.confirm'), a.assumed, function () {
          const note = document.createElement('p');
          note.className = 'confirmed';
          note.setAttribute('role', 'status');
          note.textContent = t('assumption.hosting.confirmed');
          buttons.replaceChildren(note);
        }));
        schema.hosting.filter(function (h) {
          return h !== a.assumed;
        }).forEach(function (h) {
          buttons.appendChild(answerButton(t('assumption.hosting.other', t('hosting.' + h + '.title')), h, function () {
            byId('hosting-' + h).checked = true;
            updateQuestions();
            ask();
          }));
        });
      } else if (a.field.indexOf('dataCategories') === 0) {
        buttons.appendChild(answerButton(t('assumption.data.back'), 'data', function () {
          const first = form.querySelector('input[name="dataCategories"]');
          byId('q-data').scrollIntoView();
          first.focus();
        }));
      }
      group.append(question, buttons);
      li.append(taken, otherwise, group);
      list.appendChild(li);
    });
    byId('assumptions-block').hidden = assumptions.length === 0;
  }

  // Each contact named in the page's language, with a way to reach them: the AI & Digital Unit's
  // address, or, for the others (whose addresses are not published), the Unit's, to ask.
  function renderContacts(ids, named) {
    const list = byId('contacts');
    list.replaceChildren();
    ids.forEach(function (id) {
      const fromDecision = named.find(function (c) {
        return c.id === id;
      });
      const known = contacts[id] || {};
      const li = document.createElement('li');
      li.setAttribute('data-contact', id);
      const name = document.createElement('strong');
      name.textContent = (fromDecision && fromDecision.name) || known.name || id;
      li.appendChild(name);
      li.appendChild(document.createTextNode(' \u2014 ' + (known.email ? t('contact.reach.write') : t('contact.reach.askUnit')) + ' '));
      const link = document.createElement('a');
      const address = known.email || AI_UNIT_ADDRESS;
      link.href = 'mailto:' + address;
      link.textContent = address;
      li.appendChild(link);
      list.appendChild(li);
    });
  }

  async function ask() {
    clearInvalid();
    errorBox.hidden = true;
    result.hidden = true;
    const usage = buildUsage();
    const problems = missingAnswers(usage);
    if (problems.length > 0) {
      showError(t('error.missing.title'), problems);
      return;
    }
    // The usage, in the page's language, with the changes that would make it allowed.
    const request = Object.assign({}, usage, { language: LANG, alternatives: true });
    if (byId('strict').checked) {
      request.strict = true;
    }
    askButton.disabled = true;
    statusLine.textContent = t('status.deciding');
    try {
      // ?lang: a refusal (400) comes back in the page's language, like the decision
      const response = await fetch('api/decisions?lang=' + LANG, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(request)
      });
      let body = null;
      try {
        body = await response.json();
      } catch (ignored) {
        body = null;
      }
      statusLine.textContent = '';
      if (response.ok && body) {
        statusLine.textContent = t('status.received');
        render(body, request);
      } else if (response.status === 400 && body) {
        showError(t('error.invalid.title'), [{
          field: body.field,
          text: body.field + (LANG === 'fr' ? ' : ' : ': ') + body.problem + (body.acceptedValues && body.acceptedValues.length
            ? ' (' + t('error.accepted') + ' ' + body.acceptedValues.join(', ') + ')' : '')
        }]);
      } else if (response.status === 429) {
        showError(t('error.tooMany'), []);
      } else if (response.status === 413) {
        showError(t('error.tooLarge'), []);
      } else {
        showError(t('error.server', response.status),
          body && body.incident ? [{ field: null, text: t('error.incident', body.incident) }] : []);
      }
    } catch (failure) {
      statusLine.textContent = '';
      showError(t('error.unreachable'), []);
    } finally {
      askButton.disabled = false;
    }
  }

  async function loadJson(path) {
    const response = await fetch(path, { headers: { 'Accept': 'application/json' } });
    if (!response.ok) {
      throw new Error('status ' + response.status);
    }
    return response.json();
  }

  async function loadSchema() {
    try {
      schema = await loadJson('api/schema');
    } catch (ignored) {
      showError(t('error.unreachable'), []);
    }
    buildQuestions();
    updateQuestions();
    byId('context-questions').setAttribute('data-ready', 'true');
  }

  async function loadTexts() {
    try {
      const body = await loadJson('api/labels?lang=' + LANG);
      labels = body.labels;
    } catch (ignored) {
      // The keys are shown instead of the texts.
    }
    try {
      const body = await loadJson('api/contacts?lang=' + LANG);
      body.contacts.forEach(function (c) {
        contacts[c.id] = c;
      });
    } catch (ignored) {
      // The contacts named in the decision are shown, without their address.
    }
  }

  const textsReady = loadTexts().then(loadSchema);
  byId('print-decision').addEventListener('click', function () {
    window.print();
  });
  // A page the server wrote with a decision in it (the link to ask again): its print button works too.
  if (!result.hidden) {
    byId('print-decision').hidden = false;
  }
  form.addEventListener('change', updateQuestions);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    textsReady.then(function () {
      ask(event);
    });
  });
}());
