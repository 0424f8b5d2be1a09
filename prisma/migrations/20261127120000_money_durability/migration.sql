-- AlterEnum
ALTER TYPE "RefundReason" ADD VALUE 'AMOUNT_MISMATCH';

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "failedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Payout" ADD COLUMN     "reversedCents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" UUID NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "divergenceCount" INTEGER NOT NULL,
    "divergences" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_createdAt_idx" ON "ReconciliationRun"("createdAt");

-- A payout can never be reversed for more than it transferred.
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_reversedCents_check" CHECK ("reversedCents" >= 0 AND "reversedCents" <= "amountCents");
