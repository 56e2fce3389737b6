import type { Notification } from './notification.entity';

/** An e-mail, as nodemailer takes it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const urlOf = (publicUrl: string, link: string | null | undefined) => (link ? publicUrl + link : publicUrl + '/');

const FOOTER_TEXT = 'Bạn nhận thư này từ hệ thống Chấm điểm. Chọn cách nhận thư cho từng loại thông báo ở mục “Thông báo” trong ứng dụng.';

/** One notification as an e-mail: Vietnamese subject and body, plain text and HTML, with a link to its page. */
export function notificationMail(to: { email: string; name: string }, n: Pick<Notification, 'title' | 'body' | 'link'>, publicUrl: string): Mail {
  const url = urlOf(publicUrl, n.link);
  return {
    to: to.email,
    subject: `[Chấm điểm] ${n.title}`,
    text: `Chào ${to.name},\n\n${n.body}\n\nXem chi tiết: ${url}\n\n--\n${FOOTER_TEXT}\n`,
    html:
      `<p>Chào ${escape(to.name)},</p><p>${escape(n.body)}</p>` +
      `<p><a href="${escape(url)}">Xem chi tiết</a></p><hr><p style="color:#666;font-size:12px">${escape(FOOTER_TEXT)}</p>`,
  };
}

/** A day's notifications of the kinds a person chose as a digest, as one e-mail. */
export function digestMail(to: { email: string; name: string }, list: Pick<Notification, 'title' | 'body' | 'link'>[], publicUrl: string): Mail {
  return {
    to: to.email,
    subject: `[Chấm điểm] Tổng hợp ${list.length} thông báo trong ngày`,
    text: `Chào ${to.name},\n\nCác thông báo của bạn trong ngày:\n\n${list.map((n) => `- ${n.title}\n  ${n.body}\n  ${urlOf(publicUrl, n.link)}`).join('\n\n')}\n\n--\n${FOOTER_TEXT}\n`,
    html:
      `<p>Chào ${escape(to.name)},</p><p>Các thông báo của bạn trong ngày:</p><ul>` +
      list.map((n) => `<li><a href="${escape(urlOf(publicUrl, n.link))}">${escape(n.title)}</a><br>${escape(n.body)}</li>`).join('') +
      `</ul><hr><p style="color:#666;font-size:12px">${escape(FOOTER_TEXT)}</p>`,
  };
}
