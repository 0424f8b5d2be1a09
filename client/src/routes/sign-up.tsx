import { Show } from "solid-js";
import { Navigate } from "@solidjs/router";
import { SignUpForm } from "../features/auth/auth-forms";
import { homeFor, useViewer } from "../features/auth/viewer";

export default function Page() {
  const { viewer } = useViewer();
  return (
    <Show when={!viewer()} fallback={<Navigate href={homeFor(viewer())} />}>
      <section class="page narrow">
        <SignUpForm />
      </section>
    </Show>
  );
}
