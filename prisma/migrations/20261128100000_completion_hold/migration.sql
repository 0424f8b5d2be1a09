-- CreateEnum
CREATE TYPE "EarningHoldStatus" AS ENUM ('HELD', 'REPORTED', 'RELEASED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "ProblemResolution" AS ENUM ('RELEASE_TO_MENTOR', 'REFUND_MENTEE', 'PARTIAL_REFUND');

-- AlterEnum
ALTER TYPE "RefundReason" ADD VALUE 'PROBLEM_REPORT';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerTransactionKind" ADD VALUE 'EARNING_RELEASE';
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'EARNING_REVERSAL';
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'FEE_REVERSAL';

-- AlterEnum
ALTER TYPE "AdminActionKind" ADD VALUE 'RESOLVE_PROBLEM';

-- CreateTable
CREATE TABLE "EarningHold" (
    "bookingId" UUID NOT NULL,
    "mentorId" UUID NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "feeCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "EarningHoldStatus" NOT NULL DEFAULT 'HELD',
    "availableAt" TIMESTAMPTZ(3) NOT NULL,
    "releasedAt" TIMESTAMPTZ(3),
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "problemReason" TEXT,
    "reportedAt" TIMESTAMPTZ(3),
    "resolution" "ProblemResolution",
    "refundCents" INTEGER,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EarningHold_pkey" PRIMARY KEY ("bookingId")
);

-- CreateIndex
CREATE INDEX "EarningHold_status_availableAt_idx" ON "EarningHold"("status", "availableAt");

-- CreateIndex
CREATE INDEX "EarningHold_mentorId_status_idx" ON "EarningHold"("mentorId", "status");

-- AddForeignKey
ALTER TABLE "EarningHold" ADD CONSTRAINT "EarningHold_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

