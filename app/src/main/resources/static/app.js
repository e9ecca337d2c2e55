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

  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-focus]');
    if (summary) { summary.focus(); }
  });
})();
