-- CreateEnum
CREATE TYPE "AdminActionKind" AS ENUM ('CANCEL_BOOKING', 'RETRY_REFUND');

-- AlterEnum
ALTER TYPE "RefundReason" ADD VALUE 'ADMIN';

-- AlterEnum
ALTER TYPE "LedgerTransactionKind" ADD VALUE 'REFUND_REVERSAL';

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "authorizationReleasedAt" TIMESTAMPTZ(3),
ADD COLUMN     "capturedAt" TIMESTAMPTZ(3),
ADD COLUMN     "stripeChargeId" TEXT;

-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "retries" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reversedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Payout" ADD COLUMN     "deferrals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "deferredReason" TEXT;

-- CreateTable
CREATE TABLE "AdminAction" (
    "id" UUID NOT NULL,
    "adminId" UUID NOT NULL,
    "kind" "AdminActionKind" NOT NULL,
    "bookingId" UUID NOT NULL,
    "refundId" UUID,
    "amountCents" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AdminAction_bookingId_createdAt_idx" ON "AdminAction"("bookingId", "createdAt");

-- CreateIndex
CREATE INDEX "AdminAction_createdAt_idx" ON "AdminAction"("createdAt");

-- Payments before manual capture were captured at checkout: their money is in the ledger already.
UPDATE "Booking" SET "capturedAt" = "paidAt" WHERE "paidAt" IS NOT NULL;
UPDATE "Booking" b SET "capturedAt" = r."createdAt" FROM "Refund" r
  WHERE r."bookingId" = b."id" AND b."capturedAt" IS NULL AND r."reason" IN ('LATE_PAYMENT', 'AMOUNT_MISMATCH');

-- An authorisation is either captured or released, never both.
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_captured_or_released" CHECK ("capturedAt" IS NULL OR "authorizationReleasedAt" IS NULL);
-- A payout is deferred only while it waits for its next try.
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_deferrals_nonnegative" CHECK ("deferrals" >= 0);

-- Closed bookings whose authorisation may still need releasing (the expire-bookings task).
CREATE INDEX "Booking_unreleased_authorization_idx" ON "Booking"("updatedAt")
  WHERE "capturedAt" IS NULL AND "authorizationReleasedAt" IS NULL AND "stripePaymentIntentId" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "AdminAction" ADD CONSTRAINT "AdminAction_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
