import { A } from "@solidjs/router";

export default function NotFound() {
  return (
    <section class="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <A href="/">Go to your home page</A>
      </p>
    </section>
  );
}
