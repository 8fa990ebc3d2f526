import { z } from 'zod';
import { EMAIL_MAX_LENGTH } from '../rules/email';
import { defineCall } from './define';

/**
 * Pieces of the contract that the tenant journeys (registration, login, forgotten password) share
 * because they mean the same thing in each: defined once, so that a change (a longer captcha
 * answer, a new flow refusal) cannot reach one journey and miss another.
 */

/** A count of whole seconds (a countdown, a wait). */
export const seconds = z.number().int().nonnegative();

/** Where a journey the core holds stands, as its `get…` call says it (registration, reset). */
export const journeySnapshotFields = {
  /** "j•••@o•••.fr" once an address was accepted (or saved). */
  maskedEmail: z.string().nullable(),
  /** When an untouched flow dies; null without a flow. */
  expiresInSeconds: seconds.nullable(),
  captchaRequired: z.boolean(),
  /** When a new email may be asked for; null when not at that step, or not known (queued). */
  resendAvailableInSeconds: seconds.nullable(),
};

/** What any call of a journey the kiosk core holds for the visit may answer (registration, reset). */
export const FLOW_ERRORS = ['flow_expired', 'wrong_step', 'portal_unreachable'] as const;

/** The captcha a form carries (newCaptcha). */
export const captchaFields = {
  /** Both absent when the kiosk's captcha is off (newCaptcha answered `required: false`). */
  captchaId: z.string().min(1).max(64).optional(),
  captchaAnswer: z.string().max(16).optional(),
};

/** The 6-digit code of an email (activation, password reset). */
export const emailCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

/**
 * An address as typed: bounded here, a little above the longest valid one so that spaces around it
 * still reach the flow, whose rules answer `email:invalid` rather than a bare shape refusal.
 */
export const typedEmailSchema = z.string().max(EMAIL_MAX_LENGTH + 20);

/** Opens the visit's journey at its first step, dropping any earlier one of this visit. */
export const startJourneyCall = <S extends string>(firstStep: S) =>
  defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ step: z.literal(firstStep), expiresInSeconds: seconds }),
  });

/** Leaves a journey; the visit goes on. */
export const cancelJourneyCall = () =>
  defineCall({
    input: z.strictObject({}),
    output: z.strictObject({ cancelled: z.literal(true) }),
  });
