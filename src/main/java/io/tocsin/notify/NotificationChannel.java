package io.tocsin.notify;

/**
 * SPI: hands one rendered-by-itself message to the outside world. Runs outside any transaction, after the
 * delivery was marked {@code SENDING}. Returns the provider's id (may be null) or throws {@link ChannelException}.
 */
public interface NotificationChannel {

    ContactMethodType type();

    String send(OutgoingMessage message);
}
