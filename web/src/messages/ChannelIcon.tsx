import type { Channel } from './api.ts';

/** A small line icon for the channel; decorative, the label beside it carries the meaning. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg className="channel-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      {channel === 'sms' ? (
        <path d="M4 5h16v11H9l-5 4V5z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      ) : (
        <>
          <rect x="3" y="5" width="18" height="14" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M4 7l8 6 8-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </>
      )}
    </svg>
  );
}
