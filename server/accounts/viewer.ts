// Guards for commands: who is calling, in which role.
import type { Role } from "../generated/prisma/enums.ts";
import type { AuthenticatedUser } from "./auth.ts";
import { NotAuthenticatedError, NotAuthorizedError } from "../shared/errors.ts";

const ROLE_WORDS: Record<Role, string> = { MENTOR: "mentors", MENTEE: "mentees", ADMIN: "admins" };

export function requireViewer(viewer: AuthenticatedUser | null): AuthenticatedUser {
  if (!viewer) throw new NotAuthenticatedError();
  return viewer;
}

export function requireRole(viewer: AuthenticatedUser | null, role: Role): AuthenticatedUser {
  const user = requireViewer(viewer);
  if (user.role !== role) throw new NotAuthorizedError(`Only ${ROLE_WORDS[role]} can do this.`);
  return user;
}
