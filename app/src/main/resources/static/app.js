/* Formation pages: menu burger, sub-table rows, uploads, confirmations. No framework, no build. */
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // Row inputs are named table[3].field and identified f-table-3-field; both carry the row index.
  var NAME_INDEX = /^([A-Za-z0-9_]+)\[(?:\d+|__i__)\]/;
  var ID_INDEX = /^f-([A-Za-z0-9_]+)-(?:\d+|__i__)-/;

  function renumber(table) {
    var rows = table.querySelectorAll('[data-rows] > [data-row]');
    rows.forEach(function (row, i) {
      row.querySelectorAll('[name], [id], [for], [data-name], [aria-describedby]').forEach(function (el) {
        ['name', 'data-name', 'data-match'].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) { el.setAttribute(attr, v.replace(NAME_INDEX, '$1[' + i + ']')); }
        });
        ['id', 'for', 'aria-describedby'].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) { el.setAttribute(attr, v.replace(ID_INDEX, 'f-$1-' + i + '-')); }
        });
      });
      var no = row.querySelector('[data-row-no]');
      if (no) { no.textContent = String(i + 1); }
    });
  }

  function addRow(table) {
    var template = table.querySelector('template[data-row-template]');
    var body = table.querySelector('[data-rows]');
    var max = parseInt(table.getAttribute('data-max') || '0', 10);
    if (max > 0 && body.querySelectorAll('[data-row]').length >= max) { return; }
    body.appendChild(template.content.cloneNode(true));
    renumber(table);
    var rows = body.querySelectorAll('[data-row]');
    var first = rows[rows.length - 1].querySelector('input:not([type=hidden]), select, textarea');
    if (first) { first.focus(); }
  }

  function removeRow(button) {
    var table = button.closest('[data-table]');
    button.closest('[data-row]').remove();
    renumber(table);
  }

  function addFile(box, file) {
    var li = document.createElement('li');
    li.className = 'file-item';
    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = box.getAttribute('data-name');
    hidden.value = file.id;
    li.appendChild(hidden);
    if (box.getAttribute('data-image') === 'true') {
      var img = document.createElement('img');
      img.className = 'thumb';
      img.src = '/api/files/' + encodeURIComponent(file.id);
      img.alt = '';
      li.appendChild(img);
    }
    var link = document.createElement('a');
    link.href = '/api/files/' + encodeURIComponent(file.id);
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = file.name;
    li.appendChild(link);
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'delete';
    remove.setAttribute('data-remove-file', '');
    remove.setAttribute('aria-label', box.getAttribute('data-remove-label') || '');
    li.appendChild(remove);
    box.querySelector('.file-list').appendChild(li);
  }

  function uploadOne(file) {
    var data = new FormData();
    data.append('file', file);
    return fetch('/api/files', {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfToken(), 'Accept': 'application/json' }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { throw new Error(body.title || String(response.status)); }
        return body;
      });
    });
  }

  function upload(input) {
    var box = input.closest('[data-files]');
    var status = box.querySelector('.upload-status');
    var max = parseInt(box.getAttribute('data-max') || '10', 10);
    var files = Array.prototype.slice.call(input.files || []);
    var have = box.querySelectorAll('.file-item').length;
    status.classList.remove('is-danger');
    if (!files.length) { return; }
    if (have + files.length > max) {
      status.textContent = box.getAttribute('data-too-many');
      status.classList.add('is-danger');
      input.value = '';
      return;
    }
    status.textContent = box.getAttribute('data-uploading');
    var chain = Promise.resolve();
    files.forEach(function (file) {
      chain = chain.then(function () { return uploadOne(file); }).then(function (stored) { addFile(box, stored); });
    });
    chain.then(function () {
      status.textContent = '';
    }, function (error) {
      status.textContent = box.getAttribute('data-failed') + ' ' + error.message;
      status.classList.add('is-danger');
    }).then(function () { input.value = ''; });
  }

  // "Create on behalf of": inputs that showed the previous person (the owner, by default the user)
  // now show the one chosen, so the page says whose record it will be before it is saved.
  function followPrincipal(select) {
    var previous = select.getAttribute('data-current');
    var next = select.value || select.getAttribute('data-self');
    select.form.querySelectorAll('select').forEach(function (other) {
      if (other === select || other.value !== previous) { return; }
      var has = Array.prototype.some.call(other.options, function (o) { return o.value === next; });
      if (has) { other.value = next; }
    });
    select.setAttribute('data-current', next);
  }

  // A reference that must agree with another field (mustMatch) offers, whenever that field
  // changes, only the records that agree with its new value; a choice that no longer agrees is
  // cleared rather than kept out of sight. The server refuses a disagreeing choice anyway.
  function refreshChoices(changed) {
    if (!changed.name || !changed.form) { return; }
    changed.form.querySelectorAll('select[data-match]').forEach(function (select) {
      if (select.getAttribute('data-match') !== changed.name) { return; }
      var url = select.getAttribute('data-choices') + (changed.value ? '?match=' + encodeURIComponent(changed.value) : '');
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (choices) {
          if (!choices) { return; }
          var current = select.value;
          while (select.options.length) { select.remove(0); }
          var blank = document.createElement('option');
          blank.value = '';
          blank.textContent = select.getAttribute('data-choose') || '';
          select.appendChild(blank);
          choices.forEach(function (choice) {
            var option = document.createElement('option');
            option.value = String(choice.id);
            option.textContent = choice.title || ('#' + choice.id);
            select.appendChild(option);
          });
          select.value = choices.some(function (c) { return String(c.id) === current; }) ? current : '';
        });
    });
  }

  // A field with a lookup (data-lookup) offers candidates as the user types; choosing one fills
  // the fields data-fill names (a candidate's attribute -> input names). A select takes the option
  // whose value is the candidate's, or the longest value the candidate's starts with (I65 -> I).
  // What is filled is only typed in: the server checks every value when the record is saved.
  var lookupTimer = null;
  var lookupSeq = 0;

  function lookupList(input) { return document.getElementById(input.getAttribute('aria-controls')); }

  function closeLookup(input) {
    var list = lookupList(input);
    if (list) { list.hidden = true; list.innerHTML = ''; }
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function fillSelect(select, value) {
    var best = null;
    Array.prototype.forEach.call(select.options, function (o) {
      if (!o.value) { return; }
      if (o.value === value) { best = o; return; }
      if (value.indexOf(o.value) === 0 && (!best || (best.value !== value && o.value.length > best.value.length))) { best = o; }
    });
    if (best) { select.value = best.value; }
    return !!best;
  }

  function chooseCandidate(input, candidate) {
    var fill = JSON.parse(input.getAttribute('data-fill') || '{}');
    Object.keys(fill).forEach(function (attribute) {
      var value = candidate[attribute];
      if (value === null || value === undefined || value === '') { return; }
      fill[attribute].forEach(function (name) {
        var target = input.form.querySelector('[name="' + name + '"]');
        if (!target) { return; }
        if (target.tagName === 'SELECT') { fillSelect(target, String(value)); } else { target.value = String(value); }
        target.dispatchEvent(new Event('change', { bubbles: true }));
      });
    });
    closeLookup(input);
  }

  function showCandidates(input, candidates) {
    var list = lookupList(input);
    if (!list) { return; }
    list.innerHTML = '';
    if (!candidates.length) {
      var none = document.createElement('li');
      none.className = 'lookup-none';
      none.textContent = input.getAttribute('data-none') || '';
      list.appendChild(none);
    }
    candidates.forEach(function (c, i) {
      var li = document.createElement('li');
      li.id = input.id + '-candidate-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var name = document.createElement('span');
      name.className = 'lookup-name';
      name.textContent = c.name;
      var meta = document.createElement('span');
      meta.className = 'lookup-meta';
      meta.textContent = [c.creditCode, c.legalRepresentative, c.status].filter(function (v) { return v; }).join(' · ');
      li.appendChild(name);
      li.appendChild(meta);
      li.addEventListener('mousedown', function (event) { event.preventDefault(); chooseCandidate(input, c); });
      li.lookupCandidate = c;
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function searchLookup(input) {
    var q = input.value.trim();
    var seq = ++lookupSeq;
    if (q.length < 2) { closeLookup(input); return; }
    fetch(input.getAttribute('data-lookup') + '?q=' + encodeURIComponent(q),
        { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (candidates) {
        if (seq !== lookupSeq || !candidates || document.activeElement !== input) { return; }
        showCandidates(input, candidates);
      });
  }

  function moveInLookup(input, event) {
    var list = lookupList(input);
    if (!list || list.hidden) { return; }
    var options = Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    if (!options.length) { return; }
    var at = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      at = event.key === 'ArrowDown' ? Math.min(at + 1, options.length - 1) : Math.max(at - 1, 0);
      options.forEach(function (o, i) { o.setAttribute('aria-selected', i === at ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', options[at].id);
      options[at].scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter' && at >= 0) {
      event.preventDefault();
      chooseCandidate(input, options[at].lookupCandidate);
    } else if (event.key === 'Escape') {
      closeLookup(input);
    }
  }

  document.addEventListener('input', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[data-lookup]')) { return; }
    window.clearTimeout(lookupTimer);
    lookupTimer = window.setTimeout(function () { searchLookup(input); }, 250);
  });

  document.addEventListener('keydown', function (event) {
    if (event.target.matches && event.target.matches('input[data-lookup]')) { moveInLookup(event.target, event); }
  });

  document.addEventListener('focusout', function (event) {
    if (event.target.matches && event.target.matches('input[data-lookup]')) { closeLookup(event.target); }
  });

  document.addEventListener('click', function (event) {
    var target = event.target;
    var burger = target.closest('.navbar-burger');
    if (burger) {
      var menu = document.getElementById(burger.getAttribute('data-target'));
      var open = burger.classList.toggle('is-active');
      if (menu) { menu.classList.toggle('is-active', open); }
      burger.setAttribute('aria-expanded', open ? 'true' : 'false');
      return;
    }
    var add = target.closest('[data-add-row]');
    if (add) { addRow(add.closest('[data-table]')); return; }
    var remove = target.closest('[data-remove-row]');
    if (remove) { removeRow(remove); return; }
    var removeFile = target.closest('[data-remove-file]');
    if (removeFile) { removeFile.closest('.file-item').remove(); }
  });

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target.matches('select, input')) { refreshChoices(target); }
    if (target.matches('[data-upload]')) { upload(target); return; }
    if (target.matches('[data-on-behalf]')) { followPrincipal(target); return; }
    if (target.matches('[data-autosubmit]') && target.form) { target.form.submit(); }
  });


  // An upload of a sheet to an API route (data-sheet-upload): sent with the CSRF token, the outcome
  // shown under the form, each refused row as "row N, field: message" (problem+json errors or an
  // import's errors). A form marked data-reload shows the page again once the file is taken.
  function sheetUpload(form) {
    var result = form.querySelector('[data-sheet-result]');
    var data = new FormData(form);
    result.className = 'sheet-result mt-4';
    result.textContent = form.getAttribute('data-sending');
    fetch(form.getAttribute('action'), {
      method: form.getAttribute('data-method') || 'POST', body: data, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        showSheetOutcome(form, result, response.ok, body);
        if (response.ok && form.hasAttribute('data-reload') && !(body.errors && body.errors.length)) {
          window.location.reload();
        }
      });
    }, function () {
      result.className = 'sheet-result mt-4 notification is-danger is-light';
      result.textContent = form.getAttribute('data-failed');
    });
  }

  function showSheetOutcome(form, result, ok, body) {
    var errors = body.errors || [];
    result.innerHTML = '';
    result.className = 'sheet-result mt-4 notification is-light ' + (ok && !errors.length ? 'is-success' : ok ? 'is-warning' : 'is-danger');
    var head = document.createElement('p');
    head.className = 'has-text-weight-bold';
    head.setAttribute('data-sheet-outcome', ok ? 'done' : 'refused');
    head.textContent = ok ? form.getAttribute('data-done') : (body.title || form.getAttribute('data-failed'));
    result.appendChild(head);
    if (ok && body.total !== undefined) {
      var summary = document.createElement('p');
      summary.setAttribute('data-sheet-summary', '');
      summary.textContent = form.getAttribute('data-summary').replace('{0}', body.total).replace('{1}', body.created)
        .replace('{2}', body.updated).replace('{3}', body.failed);
      result.appendChild(summary);
    }
    if (errors.length) {
      var list = document.createElement('ul');
      errors.forEach(function (e) {
        var li = document.createElement('li');
        li.setAttribute('data-sheet-error', '');
        var where = e.row !== undefined ? form.getAttribute('data-row').replace('{0}', e.row) : '';
        li.textContent = [where, e.field].filter(function (v) { return v; }).join(' ') + ': ' + e.message;
        list.appendChild(li);
      });
      result.appendChild(list);
    }
  }

  document.addEventListener('submit', function (event) {
    if (event.target.matches && event.target.matches('form[data-sheet-upload]')) {
      event.preventDefault();
      sheetUpload(event.target);
    }
    if (event.target.matches && event.target.matches('form[data-import-upload]')) {
      event.preventDefault();
      importUpload(event.target);
    }
  });

  // The import pages. The upload goes to the import API with the CSRF token and, once taken,
  // opens the import's own page; that page polls the import's state while it runs (the progress
  // bar) and shows itself again when it is over; its buttons post to the API and follow.
  function importUpload(form) {
    var result = form.querySelector('[data-sheet-result]');
    result.className = 'sheet-result mt-4';
    result.textContent = form.getAttribute('data-sending');
    fetch(form.getAttribute('action'), {
      method: 'POST', body: new FormData(form), credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok && body.id) {
          window.location.assign('/imports/' + body.id);
          return;
        }
        result.className = 'sheet-result mt-4 notification is-danger is-light';
        result.textContent = (body.errors || []).map(function (e) { return e.message; }).join(' ')
          || body.title || form.getAttribute('data-failed');
        result.setAttribute('data-import-refused', '');
      });
    }, function () {
      result.className = 'sheet-result mt-4 notification is-danger is-light';
      result.textContent = form.getAttribute('data-failed');
    });
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(\d+)\}/g, function (m, i) { return values[+i]; });
  }

  function pollImport(state) {
    var href = state.getAttribute('data-poll');
    if (!href) { return; }
    fetch(href, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (run) {
        var bar = document.getElementById('import-progress');
        bar.max = Math.max(run.total, 1);
        bar.value = run.processed;
        bar.textContent = run.processed;
        document.getElementById('import-counts').textContent = fill(state.getAttribute('data-counts'),
          [run.total, run.processed, run.inserted, run.updated, run.failed]);
        state.setAttribute('data-import-state', run.status);
        if (run.status === 'queued' || run.status === 'running' || run.status === 'reverting') {
          window.setTimeout(function () { pollImport(state); }, 700);
        } else {
          window.location.reload();
        }
      }, function () { window.setTimeout(function () { pollImport(state); }, 2000); });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-import-action]');
    if (!button) { return; }
    var confirmText = button.getAttribute('data-confirm-action');
    if (confirmText && !window.confirm(confirmText)) { return; }
    button.disabled = true;
    fetch(button.getAttribute('data-import-action'), {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok && body.id) {
          window.location.assign('/imports/' + body.id);
        } else {
          button.disabled = false;
          window.alert(body.title || '');
        }
      });
    });
  });

  document.addEventListener('DOMContentLoaded', function () {
    var state = document.querySelector('[data-import-state][data-poll]');
    if (state) { pollImport(state); }
  });

  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-focus]');
    if (summary) { summary.focus(); }
  });
})();
