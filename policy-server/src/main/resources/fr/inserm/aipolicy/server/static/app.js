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
  const VERDICTS = {
    ALLOW: {
      title: '\u2713 ALLOW: you may go ahead',
      summary: 'This use is allowed, provided you do what is listed under \u201cWhat you must do\u201d.'
    },
    ESCALATE: {
      title: '\u26a0 ESCALATE: ask before you go ahead',
      summary: 'This use needs a decision from the people listed under \u201cWhom to contact\u201d. Do not go ahead until they agree.'
    },
    DENY: {
      title: '\u2715 DENY: do not do this',
      summary: 'This use is not allowed under Inserm\u2019s recommendations. The reasons and clauses are below.'
    }
  };

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

  function showError(title, lines, field) {
    errorBox.replaceChildren();
    const heading = document.createElement('p');
    heading.className = 'error-title';
    heading.textContent = title;
    errorBox.appendChild(heading);
    if (lines.length > 0) {
      const list = document.createElement('ul');
      lines.forEach(function (line) {
        const item = document.createElement('li');
        item.textContent = line;
        list.appendChild(item);
      });
      errorBox.appendChild(list);
    }
    errorBox.hidden = false;
    const control = controlFor(field);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
  }

  // Checks the required answers before asking; the server checks them again.
  function missingAnswers(usage) {
    const problems = [];
    if (!usage.tool.name) {
      problems.push(['tool.name', 'Give the name of the AI tool.']);
    }
    const size = byId('tool-size');
    if (size.validity && !size.validity.valid) {
      problems.push(['tool.parametersBillions', 'The model size must be a number from 0 to 100000, or empty.']);
    }
    if (!usage.hosting) {
      problems.push(['hosting', 'Choose where the tool runs.']);
    }
    if (!usage.purpose) {
      problems.push(['purpose', 'Choose what you use it for.']);
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

  function render(decision, usage) {
    const verdict = VERDICTS[decision.verdict];
    if (!verdict) {
      showError('The server gave an answer this page does not understand.', [], null);
      return;
    }
    const box = byId('verdict');
    box.className = 'verdict verdict-' + decision.verdict.toLowerCase();
    box.setAttribute('data-verdict', decision.verdict);
    byId('verdict-title').textContent = verdict.title;
    byId('verdict-summary').textContent = verdict.summary;

    const reasons = byId('reasons');
    reasons.replaceChildren();
    decision.reasons.forEach(function (reason) {
      const li = document.createElement('li');
      li.setAttribute('data-rule', reason.rule);
      const effect = document.createElement('span');
      effect.className = 'tag tag-' + reason.effect.toLowerCase();
      effect.textContent = reason.effect;
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

    const who = decision.escalateTo.length ? decision.escalateTo : ['AI_UNIT'];
    byId('contacts-intro').textContent = decision.escalateTo.length
      ? 'Ask them before you go ahead:'
      : 'If you have a question about this answer:';
    listItems(byId('contacts'), who, function (id) {
      return contacts[id] || id;
    });

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

    byId('usage-json').textContent = JSON.stringify(usage, null, 2);
    byId('policy-version').textContent = 'Decided by policy version ' + decision.policyVersion
      + ' (' + decision.policyDigest.substring(0, 19) + '\u2026).';
    result.hidden = false;
    byId('verdict-title').focus();
  }

  async function ask(event) {
    event.preventDefault();
    clearInvalid();
    errorBox.hidden = true;
    result.hidden = true;
    const usage = buildUsage();
    const problems = missingAnswers(usage);
    if (problems.length > 0) {
      showError('Some answers are missing:', problems.map(function (p) {
        return p[1];
      }), problems[0][0]);
      return;
    }
    askButton.disabled = true;
    statusLine.textContent = 'Deciding\u2026';
    try {
      const response = await fetch('api/decisions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(usage)
      });
      let body = null;
      try {
        body = await response.json();
      } catch (ignored) {
        body = null;
      }
      statusLine.textContent = '';
      if (response.ok && body) {
        await contactsReady;
        statusLine.textContent = 'Decision received.';
        render(body, usage);
      } else if (response.status === 400 && body) {
        showError('The question could not be read, so no decision was made:',
          [body.field + ': ' + body.problem
            + (body.acceptedValues && body.acceptedValues.length ? ' (accepted: ' + body.acceptedValues.join(', ') + ')' : '')],
          body.field);
      } else if (response.status === 429) {
        showError('Too many questions in a short time. Wait a minute and ask again.', [], null);
      } else if (response.status === 413) {
        showError('The question is too long. Shorten the tool name.', [], null);
      } else {
        showError('The server could not decide (error ' + response.status + '). No decision was made; try again later.',
          body && body.incident ? ['Incident ' + body.incident] : [], null);
      }
    } catch (failure) {
      statusLine.textContent = '';
      showError('The server could not be reached. No decision was made.', [], null);
    } finally {
      askButton.disabled = false;
    }
  }

  async function loadContacts() {
    try {
      const response = await fetch('api/contacts', { headers: { 'Accept': 'application/json' } });
      if (response.ok) {
        const body = await response.json();
        body.contacts.forEach(function (c) {
          contacts[c.id] = c.name;
        });
      }
    } catch (ignored) {
      // The ids are shown instead of the descriptions.
    }
  }

  form.addEventListener('change', updateQuestions);
  form.addEventListener('submit', ask);
  updateQuestions();
  const contactsReady = loadContacts();
}());
