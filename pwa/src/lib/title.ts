const SERVICE = 'RJ Hub';
let base = SERVICE;

/** Sets the page title ("Sign in – RJ Hub"); GOV.UK prefixes "Error: " while a form shows errors. */
export function setTitle(title: string): void {
  base = title;
  document.title = title === SERVICE ? SERVICE : `${title} – ${SERVICE}`;
}

export function setErrorTitle(hasErrors: boolean): void {
  const plain = base === SERVICE ? SERVICE : `${base} – ${SERVICE}`;
  document.title = hasErrors ? `Error: ${plain}` : plain;
}
