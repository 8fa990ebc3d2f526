import type { IconName } from '../components/icons';
import type { MessageKey } from '../i18n/catalogue';
import type { HelpTopic } from './help-topics';

/** Where a page's « go and do it » button leads: a journey's screen. */
export type HelpAction = 'register' | 'login' | 'forgot-password';

export interface HelpPage {
  icon: IconName;
  /** The question as the tenant would ask it; also the card's title on the help index. */
  title: MessageKey;
  /** The short answer, read aloud by « Écouter ». */
  answer: MessageKey;
  /** Steps (numbered) or tips (bulleted) after the answer. */
  points: readonly MessageKey[];
  numbered: boolean;
  action?: { to: HelpAction; label: MessageKey };
}

export const HELP_PAGES: Record<HelpTopic, HelpPage> = {
  'account-number': {
    icon: 'document',
    title: 'help.account.title',
    answer: 'help.account.answer',
    points: ['help.account.point1', 'help.account.point2'],
    numbered: false,
    action: { to: 'register', label: 'journey.register' },
  },
  signatory: {
    icon: 'user-plus',
    title: 'help.signatory.title',
    answer: 'help.signatory.answer',
    points: ['help.signatory.point1', 'register.names.asOnNotice', 'help.signatory.point3', 'help.signatory.point4'],
    numbered: false,
    action: { to: 'register', label: 'journey.register' },
  },
  email: {
    icon: 'mail',
    title: 'help.email.title',
    answer: 'help.email.answer',
    points: ['help.email.point1', 'help.email.point2', 'help.email.point3', 'help.email.point4'],
    numbered: false,
  },
  password: {
    icon: 'key',
    title: 'help.password.title',
    answer: 'help.password.answer',
    points: ['help.password.step1', 'help.password.step2', 'help.password.step3', 'help.password.step4'],
    numbered: true,
    action: { to: 'forgot-password', label: 'help.action.forgot' },
  },
};
