import type { EmailLanguage } from './outbox.model';

/**
 * Short labels shared by several templates, looked up with the `t` helper: `{{t "footer"}}`. `{phone}`
 * and `{address}` are the office's contact from the configuration (OFFICE_PHONE, OFFICE_ADDRESS[_EN]).
 */
export const EMAIL_LABELS: Record<EmailLanguage, Record<string, string>> = {
  'zh-CN': {
    brand: '银龄人才服务',
    footer:
      '这是一封系统自动发送的邮件，请不要直接回复。如有疑问，请联系区人才服务办公室：电话 {phone}，地址：{address}。',
    ifButtonFails: '如果按钮无法点击，请把下面的链接复制到浏览器中打开：',
    deadline: '请在以下时间前答复',
    timezone: '（北京时间）',
  },
  en: {
    brand: 'Yinling Senior Talent Service',
    footer:
      'This message was sent automatically; please do not reply to it. For questions, contact the district talent office: phone {phone}, address: {address}.',
    ifButtonFails: 'If the button does not work, copy this link into your browser:',
    deadline: 'Please answer by',
    timezone: '(China time)',
  },
};
