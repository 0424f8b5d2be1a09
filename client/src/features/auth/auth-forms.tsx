// Sign in and sign up: on LogInSuccess / SignUpSuccess the token is stored (the client is rebuilt with it) and
// the user goes to `next` or their home page.
import { Show, type JSX } from "solid-js";
import { A, Navigate, useSearchParams } from "@solidjs/router";
import { graphql } from "../../gql";
import type { SignUpRole } from "../../gql/graphql";
import { setToken } from "../../lib/session";
import { errorMessage } from "../../lib/errors";
import { readResult } from "../../lib/mutation";
import { Field, FormError, SubmitButton, TextField } from "../../components/ui";
import { createMutationForm, text } from "../../components/form";
import { homeFor, useViewer, type Role } from "./viewer";

const LogInDocument = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      __typename
      ... on LogInSuccess {
        token
        user {
          role
        }
      }
      ...MutationError
    }
  }
`);

const SignUpDocument = graphql(`
  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {
    signUp(email: $email, password: $password, name: $name, role: $role) {
      __typename
      ... on SignUpSuccess {
        token
        user {
          role
        }
      }
      ...MutationError
    }
  }
`);

/** A page for who is signed out (sign in, sign up); the signed-in go to their home page. */
export function GuestPage(props: { children: JSX.Element }) {
  const { viewer } = useViewer();
  return (
    <Show when={!viewer()} fallback={<Navigate href={homeFor(viewer())} />}>
      <section class="page narrow">{props.children}</section>
    </Show>
  );
}

function safeNext(next: string | undefined): string | undefined {
  return next?.startsWith("/") && !next.startsWith("//") ? next : undefined;
}

function useFinish() {
  const [params] = useSearchParams();
  return ({ token, user }: { token: string; user: { role: Role } }) => {
    const next = safeNext(typeof params.next === "string" ? params.next : undefined);
    // The token rebuilds the client and the router, which starts from the current URL.
    window.history.replaceState(null, "", next ?? homeFor(user));
    setToken(token);
  };
}

export function SignInForm() {
  const form = createMutationForm(LogInDocument);
  const finish = useFinish();
  const [params] = useSearchParams();

  const submit = form.submit(async (values) => {
    const data = await form.send({ email: text(values, "email"), password: String(values.get("password")) });
    const outcome = readResult(data?.logIn, "LogInSuccess");
    if (outcome.ok) finish(outcome.value);
    return outcome;
  });

  return (
    <form class="card form auth-form" onSubmit={submit}>
      <h1>Sign in</h1>
      <Field id="email" label="Email">
        <input id="email" name="email" type="email" autocomplete="email" required />
      </Field>
      <Field id="password" label="Password">
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      </Field>
      <FormError message={form.error()} />
      <SubmitButton class="button button-block" busy={form.busy()} busyLabel="Signing in…" label="Sign in" />
      <p class="form-footer">
        New here? <A href={`/sign-up${params.next ? `?next=${encodeURIComponent(String(params.next))}` : ""}`}>Create an account</A>
      </p>
    </form>
  );
}

export function SignUpForm() {
  const [params] = useSearchParams();
  const form = createMutationForm(SignUpDocument, {
    labels: { email: "Email", password: "Password", name: "Name" },
    // A taken email is about the email field.
    explain: (error) => (error?.__typename === "EmailTakenError" ? { fields: { email: errorMessage(error) } } : undefined),
  });
  const finish = useFinish();
  const initialRole: SignUpRole = params.role === "MENTOR" ? "MENTOR" : "MENTEE";

  const submit = form.submit(async (values) => {
    const data = await form.send({
      name: text(values, "name"),
      email: text(values, "email"),
      password: String(values.get("password")),
      role: values.get("role") === "MENTOR" ? "MENTOR" : "MENTEE",
    });
    const outcome = readResult(data?.signUp, "SignUpSuccess");
    if (outcome.ok) finish(outcome.value);
    return outcome;
  });

  return (
    <form class="card form auth-form" onSubmit={submit} noValidate>
      <h1>Create an account</h1>
      <fieldset class="role-choice">
        <legend>I want to</legend>
        <label class="choice">
          <input type="radio" name="role" value="MENTEE" checked={initialRole === "MENTEE"} />
          <span>Book sessions with mentors</span>
        </label>
        <label class="choice">
          <input type="radio" name="role" value="MENTOR" checked={initialRole === "MENTOR"} />
          <span>Mentor others (after approval)</span>
        </label>
      </fieldset>
      <TextField id="name" label="Name" error={form.fieldError("name")} name="name" autocomplete="name" required />
      <TextField id="email" label="Email" error={form.fieldError("email")} name="email" type="email" autocomplete="email" required />
      <TextField
        id="password"
        label="Password"
        hint="At least 10 characters and hard to guess: a few unrelated words work well."
        error={form.fieldError("password")}
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minLength={10}
      />
      <FormError message={form.error()} />
      <SubmitButton class="button button-block" busy={form.busy()} busyLabel="Creating account…" label="Create account" />
      <p class="form-footer">
        Already have an account? <A href="/sign-in">Sign in</A>
      </p>
    </form>
  );
}
