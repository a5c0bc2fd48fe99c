// Session Manager data-channel vocabulary: message types, payload types, header flags.

export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
} as const;

/** PayloadType values, identical in the plugin's clientmessage.go and the agent's model.go. */
export const PayloadType = {
  None: 0,
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;

/** Header Flags bits: bit0 SYN, bit1 FIN. Acks and channel_closed carry 3; the agent's seq 0 output carries 1. */
export const MessageFlags = {
  None: 0,
  Syn: 1,
  Fin: 2,
  SynFin: 3,
} as const;

/** The 4-byte big-endian values of a PT10 Flag payload. */
export const PayloadFlag = {
  DisconnectToPort: 1,
  TerminateSession: 2,
  ConnectToPortError: 3,
} as const;

/** Handshake ActionStatus values: 1 success, 2 failed, 3 unsupported. */
export const ActionStatus = {
  Success: 1,
  Failed: 2,
  Unsupported: 3,
} as const;
