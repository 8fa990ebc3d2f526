import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoReceiver, type DemoReceiver } from '../../../src/portal/mail/demo-receiver';

let receiver: DemoReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe('the demo mail catcher', () => {
  // Seen in an e2e run: the mailbox gave « 650658 », the start of the link's token, as the
  // email's first code, and the test typed it instead of the code the email states.
  it('reads the codes the text states, not digits inside a link', async () => {
    receiver = await startDemoReceiver();
    const link = 'http://127.0.0.1:40897/reinitialisation-mot-de-passe?data=650658I5rI3bg8Tx70Tlg-123456_kU';
    await createTransport({ host: receiver.host, port: receiver.port, secure: false, ignoreTLS: true }).sendMail({
      from: 'noreply@portail-demo.invalid',
      to: 'fictif@exemple.invalid',
      subject: 'Réinitialisation de votre mot de passe',
      text: `Cliquez sur le lien :\n${link}\n\nÀ la borne ? Saisissez ce code : 372552 (valable 15 minutes).`,
    });
    const [mail] = receiver.messages();
    expect(mail?.links).toEqual([link]);
    expect(mail?.codes).toEqual(['372552']);
  });
});
