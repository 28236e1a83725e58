import { ui } from './i18n.svelte';

const SERVICE = 'RJ Hub';
let base = SERVICE;
let errors = false;

function render(): void {
  const plain = base === SERVICE ? SERVICE : `${base} – ${SERVICE}`;
  document.title = errors ? ui('title-error', `Error: ${plain}`, { title: plain }) : plain;
}

/**
 * Sets the page title ("Sign in – RJ Hub"). The "Error: " prefix GOV.UK asks for while a form
 * shows errors is kept whichever of the two is set last, so the order in which the page and its
 * error summary run does not matter.
 */
export function setTitle(title: string): void {
  base = title;
  render();
}

export function setErrorTitle(hasErrors: boolean): void {
  errors = hasErrors;
  render();
}
