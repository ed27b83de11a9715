import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends by SMTP when SMTP_URL is set; otherwise writes each message as an .eml file under
 * DATA_DIR/mail, so invitation links can be picked up on a machine without a mail server.
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger('mail');
  private readonly transport: Transporter;
  private readonly mailDir?: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) {
      this.transport = nodemailer.createTransport(config.smtpUrl, { connectionTimeout: 10_000, socketTimeout: 30_000 } as never);
    } else {
      this.mailDir = join(config.dataDir, 'mail');
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  /** Resolves with the message id once the server accepted the message. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@assay>`,
    });
    if (this.mailDir) {
      await mkdir(this.mailDir, { recursive: true });
      const file = join(this.mailDir, `${mail.id}.eml`);
      await writeFile(file, (info as unknown as { message: Buffer }).message);
      this.logger.log({ to: mail.to, subject: mail.subject, file }, 'mail written to file');
    }
    return info.messageId;
  }
}
