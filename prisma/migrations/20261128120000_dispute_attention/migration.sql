-- CreateEnum
CREATE TYPE "DisputeAttention" AS ENUM ('NOT_THIS_CHARGE', 'CLOSE_NOT_RECORDED', 'LOSS_NOT_RECOVERED');

-- AlterTable
ALTER TABLE "Dispute" ADD COLUMN     "attention" "DisputeAttention";

