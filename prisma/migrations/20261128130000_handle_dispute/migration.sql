-- AlterEnum
ALTER TYPE "AdminActionKind" ADD VALUE 'HANDLE_DISPUTE';

