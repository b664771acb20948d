/*
 * The county field, searchable: a county select marked data-county-search becomes an ARIA combobox
 * (editable, list autocomplete). Typing filters the select's own options by Chinese or English name and
 * asks /api/v1/regions for pinyin ("qianjiang", "qj"); choosing sets the select, which stays in the form
 * (hidden) and is what is sent. Without this script the select works as it is.
 */
(() => {
  const MAX = 12;

  function optionsOf(select) {
    const out = [];
    const all = select.querySelectorAll('option');
    for (let i = 0; i < all.length; i++) {
      const o = all[i];
      if (!o.value) continue;
      const group = o.parentNode && o.parentNode.tagName === 'OPTGROUP' ? o.parentNode.label : '';
      out.push({ value: o.value, label: o.textContent, group: group });
    }
    return out;
  }

  function enhance(select, _index) {
    const field = select.parentNode;
    const label = field.querySelector(`label[for="${select.id}"]`);
    const options = optionsOf(select);
    const byCode = {};
    options.forEach((o) => {
      byCode[o.value] = o;
    });
    const words = {
      found: select.getAttribute('data-search-found') || '{n}',
      none: select.getAttribute('data-search-none') || '',
      hint: select.getAttribute('data-search-hint') || '',
    };

    const box = document.createElement('div');
    box.className = 'combobox';
    const input = document.createElement('input');
    input.type = 'text';
    input.className = select.className;
    input.id = `${select.id}-search`;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');
    const listId = `${select.id}-options`;
    input.setAttribute('aria-controls', listId);
    ['aria-required', 'aria-invalid'].forEach((name) => {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    const hintId = `${select.id}-search-hint`;
    const described = select.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', (described ? `${described} ` : '') + hintId);
    const chosen = byCode[select.value];
    input.value = chosen ? chosen.label : '';

    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = hintId;
    hint.textContent = words.hint;
    const list = document.createElement('ul');
    list.className = 'combobox-list';
    list.id = listId;
    list.setAttribute('role', 'listbox');
    if (label) list.setAttribute('aria-label', label.textContent.trim());
    list.hidden = true;
    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');

    box.appendChild(input);
    box.appendChild(list);
    select.parentNode.insertBefore(hint, select);
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(status, select);
    select.hidden = true;
    select.tabIndex = -1;
    if (label) label.htmlFor = input.id;

    let shown = [];
    let active = -1;
    let asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function render(items) {
      shown = items.slice(0, MAX);
      active = -1;
      list.innerHTML = '';
      shown.forEach((o, i) => {
        const li = document.createElement('li');
        li.id = `${listId}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.appendChild(document.createTextNode(`${o.label} `));
        const context = document.createElement('span');
        context.className = 'combobox-context';
        context.textContent = o.group;
        li.appendChild(context);
        li.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(o);
        });
        list.appendChild(li);
      });
      const open = shown.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      status.textContent = open ? words.found.replace('{n}', String(shown.length)) : words.none;
    }

    function highlight(i) {
      const items = list.querySelectorAll('[role="option"]');
      for (let k = 0; k < items.length; k++)
        items[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
      active = i;
      if (i >= 0 && items[i]) {
        input.setAttribute('aria-activedescendant', items[i].id);
        items[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }

    function choose(o) {
      select.value = o.value;
      input.value = o.label;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      close();
    }

    function localMatches(q) {
      const lower = q.toLowerCase();
      return options.filter(
        (o) => o.label.toLowerCase().indexOf(lower) !== -1 || o.group.toLowerCase().indexOf(lower) !== -1,
      );
    }

    function search() {
      const q = input.value.trim();
      if (!q) {
        select.value = '';
        close();
        return;
      }
      const local = localMatches(q);
      render(local);
      const mine = ++asked;
      // Pinyin and other spellings: the regions API knows them; its answers count only if still current.
      fetch(`/api/v1/regions?limit=${MAX}&q=${encodeURIComponent(q)}`, { credentials: 'same-origin' })
        .then((res) => (res.ok ? res.json() : { items: [] }))
        .then((body) => {
          if (mine !== asked) return;
          const seen = {};
          const merged = [];
          local.concat((body.items || []).map((r) => byCode[r.code])).forEach((o) => {
            if (o && !seen[o.value]) {
              seen[o.value] = true;
              merged.push(o);
            }
          });
          render(merged);
        })
        .catch(() => {});
    }

    input.addEventListener('input', search);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (list.hidden) search();
        else highlight(Math.min(active + 1, shown.length - 1));
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(shown[active]);
      } else if (event.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => {
      const typed = input.value.trim();
      const exact = options.filter((o) => o.label === typed)[0];
      if (exact) select.value = exact.value;
      else if (!typed) select.value = '';
      const now = byCode[select.value];
      input.value = now ? now.label : typed;
      close();
    });
  }

  const selects = document.querySelectorAll('select[data-county-search]');
  for (let i = 0; i < selects.length; i++) enhance(selects[i], i);
})();
