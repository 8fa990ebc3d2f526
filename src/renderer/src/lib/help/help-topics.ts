/**
 * The seed's questions and answers, one touch-sized page each. Kept apart from the pages
 * themselves: the kiosk state needs the screen names in the first bundle, the pages come later.
 */
export const HELP_TOPICS = ['account-number', 'signatory', 'email', 'password'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];
export type HelpScreen = `help-${HelpTopic}`;

export const helpScreen = (topic: HelpTopic): HelpScreen => `help-${topic}`;

export const isHelpScreen = (screen: string): screen is HelpScreen =>
  screen.startsWith('help-') && (HELP_TOPICS as readonly string[]).includes(screen.slice(5));

export const topicOf = (screen: HelpScreen): HelpTopic => screen.slice(5) as HelpTopic;

/** The help index or one of its pages. */
export const inHelp = (screen: string): screen is 'help' | HelpScreen => screen === 'help' || isHelpScreen(screen);
