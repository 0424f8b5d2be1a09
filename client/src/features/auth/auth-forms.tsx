// Sign in and sign up: on AuthPayload the token is stored (the client is rebuilt with it) and
// the user goes to `next` or their home page.
import { createSignal } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { createMutation } from "@urql/solid";
import { graphql } from "../../gql";
import type { SignUpRole } from "../../gql/graphql";
import { setToken } from "../../lib/session";
import { errorMessage, fieldMessage, NETWORK_ERROR } from "../../lib/errors";
import { Field, describedBy, FormError, SubmitButton } from "../../components/ui";
import { homeFor } from "./viewer";

const LogInDocument = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      __typename
      ... on AuthPayload {
        token
        user {
          ...ViewerFields
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
      ... on AuthPayload {
        token
        user {
          ...ViewerFields
        }
      }
      ...MutationError
    }
  }
`);

function safeNext(next: string | undefined): string | undefined {
  return next?.startsWith("/") && !next.startsWith("//") ? next : undefined;
}

function useFinish() {
  const [params] = useSearchParams();
  return (token: string, user: Parameters<typeof homeFor>[0]) => {
    const next = safeNext(typeof params.next === "string" ? params.next : undefined);
    // The token rebuilds the client and the router, which starts from the current URL.
    window.history.replaceState(null, "", next ?? homeFor(user));
    setToken(token);
  };
}

export function SignInForm() {
  const [state, logIn] = createMutation(LogInDocument);
  const [error, setError] = createSignal<string>();
  const finish = useFinish();
  const [params] = useSearchParams();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = new FormData(event.currentTarget as HTMLFormElement);
    setError();
    const result = await logIn({ email: String(values.get("email")).trim(), password: String(values.get("password")) });
    const data = result.data?.logIn;
    if (!data) return setError(NETWORK_ERROR);
    if (data.__typename === "AuthPayload") return finish(data.token, data.user);
    setError(errorMessage(data));
  };

  return (
    <form class="card form auth-form" onSubmit={submit}>
      <h1>Sign in</h1>
      <Field id="email" label="Email">
        <input id="email" name="email" type="email" autocomplete="email" required />
      </Field>
      <Field id="password" label="Password">
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      </Field>
      <FormError message={error()} />
      <SubmitButton class="button button-block" busy={state.fetching} busyLabel="Signing in…" label="Sign in" />
      <p class="form-footer">
        New here? <A href={`/sign-up${params.next ? `?next=${encodeURIComponent(String(params.next))}` : ""}`}>Create an account</A>
      </p>
    </form>
  );
}

type SignUpField = "email" | "password" | "name";
const LABELS: Record<SignUpField, string> = { email: "Email", password: "Password", name: "Name" };

export function SignUpForm() {
  const [state, signUp] = createMutation(SignUpDocument);
  const [params] = useSearchParams();
  const [error, setError] = createSignal<string>();
  const [fieldErrors, setFieldErrors] = createSignal<Partial<Record<SignUpField, string>>>({});
  const finish = useFinish();
  const initialRole: SignUpRole = params.role === "MENTOR" ? "MENTOR" : "MENTEE";

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    setError();
    setFieldErrors({});
    const result = await signUp({
      name: String(values.get("name")).trim(),
      email: String(values.get("email")).trim(),
      password: String(values.get("password")),
      role: values.get("role") === "MENTOR" ? "MENTOR" : "MENTEE",
    });
    const data = result.data?.signUp;
    if (!data) return setError(NETWORK_ERROR);
    if (data.__typename === "AuthPayload") return finish(data.token, data.user);
    if (data.__typename === "ValidationError" && data.field in LABELS) {
      const field = data.field as SignUpField;
      setFieldErrors({ [field]: fieldMessage(data, LABELS[field]) });
      form.querySelector<HTMLInputElement>(`[name=${field}]`)?.focus();
      return;
    }
    if (data.__typename === "EmailTakenError") {
      setFieldErrors({ email: errorMessage(data) });
      return;
    }
    setError(errorMessage(data));
  };

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
      <Field id="name" label="Name" error={fieldErrors().name}>
        <input id="name" name="name" autocomplete="name" required {...describedBy("name", fieldErrors().name)} />
      </Field>
      <Field id="email" label="Email" error={fieldErrors().email}>
        <input id="email" name="email" type="email" autocomplete="email" required {...describedBy("email", fieldErrors().email)} />
      </Field>
      <Field
        id="password"
        label="Password"
        hint="At least 10 characters and hard to guess: a few unrelated words work well."
        error={fieldErrors().password}
      >
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          {...describedBy("password", fieldErrors().password, true)}
        />
      </Field>
      <FormError message={error()} />
      <SubmitButton class="button button-block" busy={state.fetching} busyLabel="Creating account…" label="Create account" />
      <p class="form-footer">
        Already have an account? <A href="/sign-in">Sign in</A>
      </p>
    </form>
  );
}
