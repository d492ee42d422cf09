// Small progressive enhancements; every page works without this file.
document.addEventListener("keydown", (event) => {
  // Escape closes an open menu (the menus are <details> elements and work without JavaScript).
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.nav-toggle[open], details.account-menu[open]").forEach((menu) => {
    menu.removeAttribute("open");
    menu.querySelector("summary")?.focus();
  });
});

document.addEventListener("click", (event) => {
  // A click outside an open account menu closes it.
  document.querySelectorAll("details.account-menu[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
