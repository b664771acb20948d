/* Small enhancements of every page; each page works without them (no inline script: CSP). */
(() => {
  // After a failed submit the summary of errors takes the focus, so it is read out and seen first.
  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
    // A link of the summary puts the cursor in its field, not only scrolls to it.
    summary.addEventListener('click', (event) => {
      const link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      const id = link.getAttribute('href').slice(1);
      let field = document.getElementById(id);
      // A field enhanced by another script (the county search) is reached through its stand-in.
      if (field?.hidden) field = document.getElementById(`${id}-search`) || field;
      if (!field) return;
      event.preventDefault();
      const label = document.querySelector(`label[for="${field.id}"]`);
      (label || field).scrollIntoView({ block: 'start' });
      field.focus({ preventScroll: true });
    });
  }

  // "Print this page" buttons exist only where printing can be started from the page.
  const printButtons = document.querySelectorAll('[data-print]');
  for (let i = 0; i < printButtons.length; i++) {
    printButtons[i].hidden = false;
    printButtons[i].addEventListener('click', () => {
      window.print();
    });
  }
})();
