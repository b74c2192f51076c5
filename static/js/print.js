// Print buttons ([data-print]) exist only when script runs: show them and print on click.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
