// The admin centre works without this file; it adds a copy button to each command and
// search-as-you-type on the users list.
"use strict";
document.querySelectorAll("[data-copy]").forEach((button) => {
  const code = button.parentElement.querySelector("[data-command]");
  if (!code || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(code.textContent);
      button.textContent = "✓";
    } catch (error) {
      button.textContent = "✗";
    }
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});
const search = document.querySelector("[data-search-as-you-type]");
if (search) {
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search.form.requestSubmit(), 400);
  });
}
