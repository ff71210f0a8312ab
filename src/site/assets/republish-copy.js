// Copy buttons of the republishing package (the article page's "Republish this article"
// dialog and /republish/:id). The page works without this script: the HTML and text sit
// in read-only text areas to select and copy by hand. The buttons ship hidden and are
// shown only here, once they can work.

for (const button of document.querySelectorAll('button[data-copy-from]')) {
  const field = document.getElementById(button.dataset.copyFrom ?? '');
  const status = document.getElementById(button.dataset.copyStatus ?? '');
  if (!(field instanceof HTMLTextAreaElement)) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    // Selected first, so a refused clipboard still leaves the text ready for Ctrl+C.
    field.focus();
    field.select();
    let isCopied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      isCopied = true;
    } catch {
      isCopied = document.execCommand('copy');
    }
    if (status) status.textContent = (isCopied ? status.dataset.copied : status.dataset.failed) ?? '';
    // Copied: back to the button. Refused: stay in the selected text, for the keyboard's copy.
    if (isCopied) button.focus();
  });
}
