-- CreateEnum
CREATE TYPE "WebhookWithheldReason" AS ENUM ('KEY_REVOKED', 'KEY_EXPIRED', 'ACCESS_WITHDRAWN');

-- AlterEnum
ALTER TYPE "WebhookDeliveryStatus" ADD VALUE 'WITHHELD';

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "withheldAt" TIMESTAMPTZ(3),
ADD COLUMN     "withheldReason" "WebhookWithheldReason";

