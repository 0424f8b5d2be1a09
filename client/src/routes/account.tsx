import { graphql } from "../gql";
import { forRoles } from "../features/auth/require-role";
import { useViewer } from "../features/auth/viewer";
import { readResult } from "../lib/mutation";
import { FormError, SavedNotice, SubmitButton, TextField } from "../components/ui";
import { createMutationForm, text } from "../components/form";

const UpdateAccountDocument = graphql(`
  mutation UpdateAccount($name: String!) {
    updateAccount(name: $name) {
      __typename
      ... on UpdateAccountSuccess {
        user {
          id
          name
        }
      }
      ...MutationError
    }
  }
`);

function NameForm(props: { name: string }) {
  const form = createMutationForm(UpdateAccountDocument, { labels: { name: "Name" } });
  const submit = form.submit(
    async (values) => {
      return readResult((await form.send({ name: text(values, "name") }))?.updateAccount, "UpdateAccountSuccess");
    },
    (values): Record<string, string> => (text(values, "name") ? {} : { name: "Name is required." }),
  );
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="your-name">
      <h2 id="your-name">Your name</h2>
      <TextField
        id="account-name"
        label="Name"
        hint="Shown to mentors and mentees, on bookings too. At most 100 characters."
        error={form.fieldError("name")}
        name="name"
        maxLength={100}
        autocomplete="name"
        value={props.name}
      />
      <FormError message={form.error()} />
      <div class="actions">
        <SubmitButton busy={form.busy()} busyLabel="Saving…" label="Save name" />
        <SavedNotice when={form.done()} />
      </div>
    </form>
  );
}

function AccountView() {
  const { viewer } = useViewer();
  return (
    <section class="page narrow">
      <div class="page-head">
        <h1>Your account</h1>
        <p class="lede">{viewer()?.email}</p>
      </div>
      {/* Read once: the field holds what the user types, not later refetches. */}
      <NameForm name={viewer()?.name ?? ""} />
    </section>
  );
}

export default forRoles(["MENTEE", "MENTOR", "ADMIN"], AccountView);
