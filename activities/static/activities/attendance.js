// "Mark the rest present": fills every person not yet recorded, leaving recorded ones alone.
document.querySelectorAll("[data-mark-rest]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => {
    document.querySelectorAll(".attendance-list fieldset").forEach((fieldset) => {
      const blank = fieldset.querySelector('input[type=radio][value=""]');
      const present = fieldset.querySelector(`input[type=radio][value="${button.dataset.markRest}"]`);
      if (blank && blank.checked && present) present.checked = true;
    });
  });
});
