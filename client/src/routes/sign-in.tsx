import { GuestPage, SignInForm } from "../features/auth/auth-forms";

export default function Page() {
  return (
    <GuestPage>
      <SignInForm />
    </GuestPage>
  );
}
