import { GuestPage, SignUpForm } from "../features/auth/auth-forms";

export default function Page() {
  return (
    <GuestPage>
      <SignUpForm />
    </GuestPage>
  );
}
