/**
 * The explorer's own words, Vietnamese first and English after it (both are shown: the page is
 * for people and for integrators). Kept here rather than in the app's dictionaries so that the
 * app's bundle does not carry them.
 */
export const texts = {
  vi: {
    signedIn: 'Đang dùng phiên đăng nhập của bạn trong trình duyệt này; tiêu đề Authorization trong ô Headers (nếu có) được dùng thay.',
    anonymous: 'Chưa đăng nhập: truy vấn sẽ bị từ chối (UNAUTHENTICATED). Hãy đăng nhập ở trang chính trong trình duyệt này, hoặc dán mã truy cập vào ô Headers bên dưới:',
    signIn: 'Đăng nhập',
  },
  en: {
    signedIn: 'Using your sign-in in this browser; an Authorization header in the Headers editor, if any, is used instead.',
    anonymous: 'Not signed in: queries will be refused (UNAUTHENTICATED). Sign in on the main page in this browser, or paste an API token in the Headers editor below:',
    signIn: 'Sign in',
  },
} as const;

export type TextKey = keyof (typeof texts)['vi'];
