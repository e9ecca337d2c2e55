package dev.formation.web;

import dev.formation.core.Actor;
import dev.formation.security.LoginService;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Binds a handler's {@link Actor} argument to the logged-in user the security filter
 * authenticated; unbound (so the route refuses) when nobody is logged in.
 */
@Singleton
public class ActorBinder implements TypedRequestArgumentBinder<Actor> {

    private static final Argument<Actor> TYPE = Argument.of(Actor.class);

    @Override
    public Argument<Actor> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Actor> bind(ArgumentConversionContext<Actor> context, HttpRequest<?> source) {
        return source.getUserPrincipal(Authentication.class)
                .<BindingResult<Actor>>map(authentication -> () -> Optional.of(LoginService.actor(authentication)))
                .orElse(BindingResult.unsatisfied());
    }
}
