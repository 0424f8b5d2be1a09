-- CreateTable
CREATE TABLE "UnreadableStripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnreadableStripeEvent_pkey" PRIMARY KEY ("id")
);

