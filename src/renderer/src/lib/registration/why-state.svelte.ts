import type { CallOutput, KioskClient } from '../../../../shared/kiosk-api/types';
import type { MessageKey } from '../i18n/catalogue';
import { errorWords } from '../i18n/errors';

type WhyKind = CallOutput<'assistedWhy'>['kind'];

const KIND_WORDS: Record<WhyKind, MessageKey> = {
  not_found: 'staff.why.kind.not_found',
  lease_ended: 'staff.why.kind.lease_ended',
  already_active: 'staff.why.kind.already_active',
  pending_activation: 'staff.why.kind.pending_activation',
  too_many_attempts: 'staff.why.kind.too_many_attempts',
};

/** « Pourquoi ? » after a refused step 1 of an assisted registration: asked once, answered in words. */
export class WhyState {
  busy = $state(false);
  /** The kind of problem in words, or why there is none to give. */
  answer = $state<{ key: MessageKey; kind: WhyKind | null } | null>(null);

  constructor(private readonly api: KioskClient) {}

  async ask(): Promise<void> {
    if (this.busy || this.answer) return;
    this.busy = true;
    try {
      const result = await this.api.assistedWhy({});
      this.answer = result.ok
        ? { key: KIND_WORDS[result.value.kind], kind: result.value.kind }
        : { key: errorWords('assistedWhy', result.error.code), kind: null };
    } finally {
      this.busy = false;
    }
  }
}
