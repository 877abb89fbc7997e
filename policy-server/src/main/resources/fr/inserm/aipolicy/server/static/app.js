// The page's only script: shows the questions that matter, sends the usage to POST /api/decisions,
// and shows the decision. Builds the page with textContent only (never innerHTML).
'use strict';

(function () {
  const EXTERNAL = ['EXTERNAL', 'EXTERNAL_SOVEREIGN'];
  const SCRAPING_PURPOSES = ['MODEL_TRAINING', 'DATA_ANALYSIS', 'AUTOMATED_PROCESSING',
    'SYNTHETIC_DATA_GENERATION', 'INFORMATION_SEARCH', 'OTHER'];
  const PEOPLE_PURPOSES = ['HR_ADMINISTRATION', 'AUTOMATED_PROCESSING', 'DATA_ANALYSIS', 'MODEL_TRAINING', 'OTHER'];
  // Context questions: [name, kind]; a boolean is sent as true/false, an enumeration as its name.
  const CONTEXT = [
    ['userTrained', 'boolean'], ['subscription', 'enum'], ['codeTarget', 'enum'], ['expertReview', 'boolean'],
    ['dpiaCompleted', 'boolean'], ['subcontractingAgreement', 'boolean'], ['trainingDataLawful', 'boolean'],
    ['webScraping', 'boolean'], ['scrapingTermsRespected', 'boolean'], ['apiAvailable', 'boolean'],
    ['automatedDecisionOnPeople', 'boolean'], ['forPublication', 'boolean']
  ];
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

  // Shows a context question only when an answer to it can change the decision.
  function updateQuestions() {
    const hosting = radioValue('hosting');
    const what = purpose.value;
    const external = EXTERNAL.includes(hosting);
    show('q-subscription', external);
    show('q-codeTarget', what === 'CODE_GENERATION' && external);
    show('q-expertReview', what === 'CODE_GENERATION' && external);
    show('q-dpiaCompleted', what === 'AUTOMATED_PROCESSING' && external);
    show('q-subcontractingAgreement', what === 'AUTOMATED_PROCESSING' && external);
    show('q-trainingDataLawful', what === 'MODEL_TRAINING');
    const scrapingMatters = SCRAPING_PURPOSES.includes(what);
    show('q-webScraping', scrapingMatters);
    const scraping = scrapingMatters && radioValue('webScraping') === 'true';
    show('q-scrapingTermsRespected', scraping);
    show('q-apiAvailable', scraping);
    show('q-automatedDecisionOnPeople', PEOPLE_PURPOSES.includes(what));
  }

  // The usage JSON of POLICY.md, from the visible answers only: a hidden question is "not stated".
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
    CONTEXT.forEach(function (entry) {
      const name = entry[0];
      if (!isShown('q-' + name)) {
        return;
      }
      const value = name === 'codeTarget' ? byId('codeTarget').value : radioValue(name);
      if (value === '') {
        return;
      }
      context[name] = entry[1] === 'boolean' ? value === 'true' : value;
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
      return byId(name) || byId(name + '-unset');
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
    if (!usage.hosting) {
      problems.push({ field: 'hosting', text: t('error.missing.hosting') });
    }
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
      const text = document.createElement('blockquote');
      text.setAttribute('lang', clause.language);
      text.textContent = clause.text;
      const source = document.createElement('p');
      source.className = 'source';
      source.textContent = clause.source + (clause.section ? ', ' + clause.section : '');
      details.append(summary, text, source);
      citations.appendChild(details);
    });

    byId('usage-json').textContent = JSON.stringify(request, null, 2);
    byId('policy-version').textContent = t('policy.version', decision.policyVersion,
      decision.policyDigest.substring(0, 19));
    result.hidden = false;
    byId('verdict-title').focus();
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
    askButton.disabled = true;
    statusLine.textContent = t('status.deciding');
    try {
      const response = await fetch('api/decisions', {
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
          text: body.field + ': ' + body.problem + (body.acceptedValues && body.acceptedValues.length
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

  const textsReady = loadTexts();
  form.addEventListener('change', updateQuestions);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    textsReady.then(function () {
      ask(event);
    });
  });
  updateQuestions();
}());
